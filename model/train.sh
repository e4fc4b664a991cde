#!/usr/bin/env bash
# Retrain the moderation models and re-export the ONNX files, Java parity fixtures and MODEL_CARD.md.
#
#   model/train.sh                 baseline (moderation-baseline) + text model (moderation-text)
#   model/train.sh --register      the same, then logs the text model's run to MLflow and registers it
#                                  as `moderation-text` with alias `champion` (needs MLFLOW_TRACKING_URI)
#   model/train.sh --text-only     skip the baseline (its output never changes: same pins, same seed)
#   model/train.sh --setup-only    only create model/.venv (CI does this so tests can start `mlflow server`)
#
# Creates model/.venv from model/requirements.txt (recreated when requirements.txt changes).
# Override the interpreter with PYTHON=/path/to/python3.11 if needed.
set -euo pipefail

MODEL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$MODEL_DIR/.venv"
REQ="$MODEL_DIR/requirements.txt"
STAMP="$VENV/.requirements.sha256"

baseline=1
setup_only=0
text_args=()
for arg in "$@"; do
  case "$arg" in
    --register) text_args+=("--register") ;;
    --text-only) baseline=0 ;;
    --setup-only) setup_only=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done
if [[ " ${text_args[*]-} " == *" --register "* && -z "${MLFLOW_TRACKING_URI:-}" ]]; then
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

# Single-threaded BLAS and fixed hash seed: keep the run deterministic (and light on a 2-core machine).
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
if [[ "$baseline" == 1 ]]; then
  echo "==> moderation-baseline (train_baseline.py)"
  "$VENV/bin/python" "$MODEL_DIR/train_baseline.py"
fi
echo "==> moderation-text (train_text.py ${text_args[*]-})"
exec "$VENV/bin/python" "$MODEL_DIR/train_text.py" ${text_args[@]+"${text_args[@]}"}
