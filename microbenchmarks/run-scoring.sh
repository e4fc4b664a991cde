#!/usr/bin/env bash
# Single-thread scoring cost per ad (detectors + sentence encoder + head), by length band (JMH).
# Usage: microbenchmarks/run-scoring.sh [length bands: all under-100 100-300 300-1000 over-1000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package -pl microbenchmarks -am
classpath="microbenchmarks/target/classes:$(cat microbenchmarks/target/benchmark-classpath.txt)"
exec java -cp "$classpath" org.admoderation.benchmarks.ScoringBenchmarkMain "$@"
