#!/usr/bin/env bash
# Retrain the moderation model's head (moderation-policies) and rewrite its ONNX file,
# model/metrics.json, model/calibration.png and model/MODEL_CARD.md.
#
#   model/train.sh                 build the Java feature code, then train, calibrate, evaluate, export
#   model/train.sh --register      the same, then logs the run to MLflow and registers the head as
#                                  `moderation-policies` with alias `champion` (needs MLFLOW_TRACKING_URI)
#   model/train.sh --setup-only    only create model/.venv (CI does this so tests can start `mlflow server`)
#   model/train.sh --labels FILE   also train on reviewers' verdicts (the JSON lines of GET /review/labels):
#                                  80 % join the training ads, 20 % are held out, and the card reports both
#   model/train.sh --output DIR    write the head, metrics.json, the card and the chart into DIR instead of
#                                  over the shipped model (to compare a retraining before shipping it)
#
# Creates model/.venv from model/requirements.txt (recreated when requirements.txt changes).
# Override the interpreter with PYTHON=/path/to/python3.11 if needed. The detectors and the
# sentence encoder are the worker's own Java code (module moderation-model): the script builds it
# with the Maven Wrapper and hands its classpath to the training as MODEL_CLASSPATH (set it to a
# classpath that holds moderation-model to skip the build).
set -euo pipefail

MODEL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$MODEL_DIR/.." && pwd)"
VENV="$MODEL_DIR/.venv"
REQ="$MODEL_DIR/requirements.txt"
STAMP="$VENV/.requirements.sha256"

setup_only=0
train_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --register) train_args+=("--register") ;;
    --setup-only) setup_only=1 ;;
    --labels|--output)
      if [[ $# -lt 2 ]]; then echo "$1 needs a value (see --help)" >&2; exit 2; fi
      if [[ "$1" == --labels && ! -f "$2" ]]; then echo "--labels: no such file: $2" >&2; exit 2; fi
      train_args+=("$1" "$(realpath -m "$2")"); shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [[ " ${train_args[*]-} " == *" --register "* && -z "${MLFLOW_TRACKING_URI:-}" ]]; then
  echo "--register needs MLFLOW_TRACKING_URI, e.g. MLFLOW_TRACKING_URI=http://127.0.0.1:5055" >&2
  exit 2
fi

if [[ -z "${PYTHON:-}" ]]; then
  if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

req_hash="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [[ ! -x "$VENV/bin/python" || ! -f "$STAMP" || "$(cat "$STAMP")" != "$req_hash" ]]; then
  echo "==> creating $VENV from requirements.txt (using $PYTHON: $("$PYTHON" --version 2>&1))"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
  echo "$req_hash" > "$STAMP"
fi

if [[ "$setup_only" == 1 ]]; then
  echo "==> $VENV is ready ($("$VENV/bin/mlflow" --version 2>/dev/null || echo 'mlflow missing'))"
  exit 0
fi

if [[ -z "${MODEL_CLASSPATH:-}" ]]; then
  echo "==> building the feature code (moderation-model)"
  classpath_file="$(mktemp)"
  trap 'rm -f "$classpath_file"' EXIT
  (cd "$REPO_DIR" && MAVEN_ARGS="${MAVEN_ARGS:--B -ntp -q}" ./mvnw -pl moderation-model -am install -DskipTests -Dspring-javaformat.skip=true \
    && MAVEN_ARGS="${MAVEN_ARGS:--B -ntp -q}" ./mvnw -pl moderation-model dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file" >/dev/null)
  export MODEL_CLASSPATH="$REPO_DIR/moderation-model/target/classes:$(cat "$classpath_file")"
fi

# Single-threaded BLAS and fixed hash seed: keep the run deterministic (and light on a 2-core machine).
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
echo "==> moderation-policies (train_policies.py ${train_args[*]-})"
"$VENV/bin/python" "$MODEL_DIR/train_policies.py" ${train_args[@]+"${train_args[@]}"}
