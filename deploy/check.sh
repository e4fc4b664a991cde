#!/usr/bin/env bash
# Validates the deployment files with the real parsers, no Docker engine or cluster needed:
# docker-compose.yml with compose-go (the loader Docker Compose uses; every profile), and
# deploy/k8s with `kustomize build`. Go fetches both from the Go module proxy. CI runs it; the
# agreement between these files and the applications is checked by the deploy-checks module.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target
echo "==> docker-compose.yml (compose-go)"
(cd deploy/tools/compose-validate && go build -o ../../../target/compose-validate .)
target/compose-validate docker-compose.yml mlflow | paste -sd' ' -

echo "==> deploy/k8s (kustomize build)"
go run sigs.k8s.io/kustomize/kustomize/v5@v5.7.1 build deploy/k8s > target/k8s-manifests.yaml
grep -E '^kind:' target/k8s-manifests.yaml | sort | uniq -c | paste -sd' ' -
