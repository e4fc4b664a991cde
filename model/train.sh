#!/usr/bin/env bash
# Retrain the moderation baseline and re-export the ONNX model + Java parity fixture.
# Creates model/.venv from model/requirements.txt (recreated when requirements.txt changes).
# Override the interpreter with PYTHON=/path/to/python3.11 if needed.
set -euo pipefail

MODEL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$MODEL_DIR/.venv"
REQ="$MODEL_DIR/requirements.txt"
STAMP="$VENV/.requirements.sha256"

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

# Single-threaded BLAS and fixed hash seed: keep the run deterministic.
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
exec "$VENV/bin/python" "$MODEL_DIR/train_baseline.py" "$@"
