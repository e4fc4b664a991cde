#!/usr/bin/env bash
# End-to-end check of `model/train.sh --register` against a real, throw-away MLflow server:
# the training side registers moderation-policies with alias champion, then the REST calls the
# Java worker makes resolve the alias and download a model.onnx byte-identical to the file that
# training run wrote (the same bytes, on any CPU; how closely a retrained file matches the
# shipped one is model/verify_reproducible.sh's check).
# CI runs it (.ci/run) after model/verify_reproducible.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

model/train.sh --setup-only >/dev/null
workdir=$(mktemp -d)
port=$(model/.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
model/.venv/bin/mlflow server --host 127.0.0.1 --port "$port" --workers 1 \
  --backend-store-uri "sqlite:///$workdir/mlflow.db" --artifacts-destination "$workdir/artifacts" \
  >"$workdir/server.log" 2>&1 &
server=$!
outputs=(moderation-model/src/main/resources/model/moderation-policies.onnx
  model/MODEL_CARD.md model/metrics.json model/calibration.png)
# Training rewrites these; put back what was there (committed or not) when done.
for file in "${outputs[@]}"; do mkdir -p "$workdir/before/$(dirname "$file")"; cp -p "$file" "$workdir/before/$file"; done
cleanup() {
  pkill -TERM -P "$server" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
  pkill -KILL -P "$server" 2>/dev/null || true
  kill -9 "$server" 2>/dev/null || true
  for file in "${outputs[@]}"; do cp -p "$workdir/before/$file" "$file"; done
  rm -rf "$workdir"
}
trap cleanup EXIT

uri="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs "$uri/health" >/dev/null && break; sleep 1; done
curl -fs "$uri/health" >/dev/null || { cat "$workdir/server.log"; exit 1; }

MLFLOW_TRACKING_URI="$uri" model/train.sh --register
trained=$(sha256sum moderation-model/src/main/resources/model/moderation-policies.onnx | cut -d' ' -f1)

version=$(curl -fs "$uri/api/2.0/mlflow/registered-models/alias?name=moderation-policies&alias=champion" |
  model/.venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["model_version"]["version"])')
artifacts=$(curl -fs "$uri/api/2.0/mlflow/model-versions/get-download-uri?name=moderation-policies&version=$version" |
  model/.venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["artifact_uri"])')
curl -fs -o "$workdir/model.onnx" "$uri/api/2.0/mlflow-artifacts/artifacts/${artifacts#mlflow-artifacts:/}/model.onnx"
registered=$(sha256sum "$workdir/model.onnx" | cut -d' ' -f1)
echo "moderation-policies@champion is version $version; registered sha256 $registered, trained $trained"
[[ "$registered" == "$trained" ]]
