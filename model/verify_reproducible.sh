#!/usr/bin/env bash
# Retrains both models from scratch and checks that the result reproduces what is committed:
# the parity fixtures' probabilities and every figure in metrics.json to 1e-6 (and reports whether
# the files are byte-identical). Puts the files that were there before back afterwards, committed
# or not, so the Java tests test the shipped models and no local work is lost. CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

outputs=(
  worker-service/src/main/resources/model/moderation-baseline.onnx
  worker-service/src/main/resources/model/moderation-text.onnx
  worker-service/src/test/resources/model/baseline-parity.csv
  worker-service/src/test/resources/model/text-parity.jsonl
  model/MODEL_CARD.md
  model/metrics.json
)
before=$(mktemp -d)
for file in "${outputs[@]}"; do mkdir -p "$before/$(dirname "$file")"; cp -p "$file" "$before/$file"; done
restore() {
  for file in "${outputs[@]}"; do cp -p "$before/$file" "$file"; done
  rm -rf "$before"
}
trap restore EXIT

model/train.sh
BEFORE="$before" model/.venv/bin/python - <<'PY'
import csv, json, os, sys

before = os.environ["BEFORE"]
base = "worker-service/src/test/resources/model/"

def worst(pairs):
    return max((abs(a - b) for a, b in pairs), default=0.0)

def numbers(value, path=""):
    """Every number in a JSON document, by its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from numbers(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from numbers(item, f"{path}[{index}]")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, float(value)

old = list(csv.DictReader(open(os.path.join(before, base, "baseline-parity.csv"))))
new = list(csv.DictReader(open(base + "baseline-parity.csv")))
baseline = worst((float(a["probability"]), float(b["probability"])) for a, b in zip(old, new, strict=True))
old = [json.loads(line) for line in open(os.path.join(before, base, "text-parity.jsonl")) if line.strip()]
new = [json.loads(line) for line in open(base + "text-parity.jsonl") if line.strip()]
text = worst((a["probability"], b["probability"]) for a, b in zip(old, new, strict=True))
old = dict(numbers(json.load(open(os.path.join(before, "model/metrics.json")))))
new = dict(numbers(json.load(open("model/metrics.json"))))
if old.keys() != new.keys():
    print("metrics.json lists other figures than the committed one:", sorted(old.keys() ^ new.keys()))
    sys.exit(1)
metrics = worst((old[key], new[key]) for key in old)
print(f"largest difference vs the shipped files: baseline probabilities {baseline:.2e}, "
      f"text probabilities {text:.2e}, metrics {metrics:.2e}")
sys.exit(0 if max(baseline, text, metrics) <= 1e-6 else 1)
PY
for file in "${outputs[@]}"; do
  if cmp -s "$file" "$before/$file"; then echo "identical: $file"; else echo "differs:   $file"; fi
done
