#!/usr/bin/env bash
# Retrains both models from scratch and checks that the result reproduces what is committed:
# the parity fixtures' probabilities to 1e-6 (and reports whether the ONNX files are byte-identical).
# Restores the committed files afterwards, so the Java tests always test the shipped models.
# CI runs it (.ci/run); it needs a git checkout.
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
restore() { git checkout -q -- "${outputs[@]}"; }
trap restore EXIT

model/train.sh
model/.venv/bin/python - <<'PY'
import csv, io, json, subprocess, sys

def committed(path):
    return subprocess.run(["git", "show", f"HEAD:{path}"], check=True, capture_output=True, text=True).stdout

def worst(pairs):
    return max(abs(a - b) for a, b in pairs)

base = "worker-service/src/test/resources/model/"
old = list(csv.DictReader(io.StringIO(committed(base + "baseline-parity.csv"))))
new = list(csv.DictReader(open(base + "baseline-parity.csv")))
baseline = worst((float(a["probability"]), float(b["probability"])) for a, b in zip(old, new, strict=True))
old = [json.loads(line) for line in committed(base + "text-parity.jsonl").splitlines() if line.strip()]
new = [json.loads(line) for line in open(base + "text-parity.jsonl") if line.strip()]
text = worst((a["probability"], b["probability"]) for a, b in zip(old, new, strict=True))
print(f"largest probability difference vs committed: baseline {baseline:.2e}, text {text:.2e}")
sys.exit(0 if baseline <= 1e-6 and text <= 1e-6 else 1)
PY
for file in "${outputs[@]}"; do
  if git diff --quiet -- "$file"; then echo "identical: $file"; else echo "differs:   $file"; fi
done
