#!/usr/bin/env bash
# The pipeline benchmark: PostgreSQL's own single-row INSERT ceiling (pgbench) and the API's
# accepted rate and latency over HTTP at concurrency 16 and 64, the workers' completion rate and
# drain time, peak RSS of each process; all in one run, against real processes.
#   bench/run.sh                 (BENCH_SECONDS=15 BENCH_WORKERS=2 by default)
# Output: faults/target/bench/benchmark.json. Nothing here asserts on timing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
  apt-get install -y -q postgresql >/dev/null
fi
./mvnw -B -q -Dspring-javaformat.skip=true -DskipTests install -pl faults -am
./mvnw -B -q -Pfaults -Dspring-javaformat.skip=true -Dtest=PipelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.workers="${BENCH_WORKERS:-2}" \
  -Dcluster.jvmOptions="-XX:+TieredCompilation" test -pl faults
cat faults/target/bench/benchmark.json
