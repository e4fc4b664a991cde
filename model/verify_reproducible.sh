#!/usr/bin/env bash
# Retrains the head from scratch and checks that it reproduces what is committed, on whatever CPU
# this runs: every figure in metrics.json (thresholds, coefficients, evaluation figures) and every
# weight of the ONNX head must agree within a tolerance, and the files are reported identical or
# not. Byte identity holds only on the machine that trained the shipped file: the sentence
# encoder's int8 kernels and BLAS differ between Intel and AMD CPUs (up to ~1e-5 in a vector), and
# the fitted weights follow, amplified where features are correlated: a head trained on an Intel
# Xeon and retrained on an AMD EPYC differed by 8.7e-3 in a weight (2026-12-03). So the fitted
# parameters (the head's weights and bias, the coefficients) must agree within 0.02 + 1% of their
# value, twice what was seen between machines and still several times below what a retraining with
# other data or code moves them by; everything else is held as tight as before: the prototypes and
# thresholds within 1e-4 + 0.1%, the ONNX-vs-numpy check within 1e-5, counts and sizes exactly, and
# the evaluation figures of the hand-written sets within one ad's step. The largest difference of
# each group is printed. Puts the files that were there before back afterwards. CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

outputs=(
  moderation-model/src/main/resources/model/moderation-policies.onnx
  model/MODEL_CARD.md
  model/metrics.json
  model/calibration.png
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
import json, os, sys

import numpy as np
import onnx
from onnx import numpy_helper

ABSOLUTE, RELATIVE = 1e-4, 1e-3
# The fitted parameters, which follow the CPU's arithmetic furthest (see above).
FITTED_ABSOLUTE, FITTED_RELATIVE = 0.02, 0.01
FITTED_WEIGHTS = {"weights", "bias"}
before = os.environ["BEFORE"]


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


ONE_AD = 1 / 230  # the smaller set's share of one ad: a score within 1e-5 of a threshold may flip it


def excess(a, b, path=""):
    """How far a difference goes past the tolerance (<= 0 within it). Shares, precision and
    recall of the hand-written sets move in steps of one ad, so they may differ by one."""
    tolerance = ABSOLUTE + RELATIVE * max(abs(a), abs(b))
    if path.startswith(".coefficients."):
        tolerance = FITTED_ABSOLUTE + FITTED_RELATIVE * max(abs(a), abs(b))
    elif path.startswith((".data.", ".model.")):
        tolerance = 0.0
    elif path.startswith(".checks."):
        tolerance = 1e-5
    elif path.startswith((".evaluation.", ".calibration_set.")):
        if ".per_policy." in path:
            # one flipped ad moves a count by one and a ratio over a few ads by up to 1/4
            tolerance = max(tolerance, 1.0 if path.endswith((".flagged", ".support")) else 0.25)
        elif ".calibration[" in path:
            tolerance = max(tolerance, 1.0 if path.endswith(".ads") else 0.05)
        else:
            tolerance = max(tolerance, ONE_AD + 1e-9)
    return abs(a - b) - tolerance


old = dict(numbers(json.load(open(os.path.join(before, "model/metrics.json")))))
new = dict(numbers(json.load(open("model/metrics.json"))))
if old.keys() != new.keys():
    print("metrics.json lists other figures than the committed one:", sorted(old.keys() ^ new.keys()))
    sys.exit(1)
metric_worst = max(old, key=lambda k: excess(old[k], new[k], k))
head = "moderation-model/src/main/resources/model/moderation-policies.onnx"
old_weights = {t.name: numpy_helper.to_array(t) for t in onnx.load(os.path.join(before, head)).graph.initializer}
new_weights = {t.name: numpy_helper.to_array(t) for t in onnx.load(head).graph.initializer}
def weight_tolerance(name, old, new):
    absolute, relative = (FITTED_ABSOLUTE, FITTED_RELATIVE) if name in FITTED_WEIGHTS else (ABSOLUTE, RELATIVE)
    return absolute + relative * np.maximum(np.abs(old), np.abs(new))


weight_excess = max(float(np.max(np.abs(old_weights[n] - new_weights[n])
                                 - weight_tolerance(n, old_weights[n], new_weights[n])))
                    for n in old_weights)
groups = {}
for key in old:
    group = key.split(".")[1].split("[")[0]
    groups[group] = max(groups.get(group, 0.0), abs(old[key] - new[key]))
for name in old_weights:
    groups["onnx " + name] = float(np.max(np.abs(old_weights[name] - new_weights[name]))) if old_weights[name].size else 0.0
print("largest difference per group: " + ", ".join(f"{g} {d:.2e}" for g, d in groups.items() if d > 0))
weight_diff = max(float(np.max(np.abs(old_weights[n] - new_weights[n]))) for n in old_weights)
print(f"largest difference vs the shipped files: metrics {abs(old[metric_worst] - new[metric_worst]):.2e} "
      f"({metric_worst}), head weights {weight_diff:.2e}")
ok = excess(old[metric_worst], new[metric_worst], metric_worst) <= 0 and weight_excess <= 0 and old_weights.keys() == new_weights.keys()
sys.exit(0 if ok else 1)
PY
for file in "${outputs[@]}"; do
  if cmp -s "$file" "$before/$file"; then echo "identical: $file"; else echo "differs:   $file"; fi
done
