#!/usr/bin/env bash
# Single-thread ONNX scoring throughput for batch sizes 1, 32 and 256 (JMH).
# Usage: benchmarks/run-scoring.sh [model file names under worker-service's model/ resources...]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package -pl benchmarks -am
classpath="benchmarks/target/classes:$(cat benchmarks/target/benchmark-classpath.txt)"
exec java -cp "$classpath" org.admoderation.benchmarks.ScoringBenchmarkMain "$@"
