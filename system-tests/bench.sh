#!/usr/bin/env bash
# The pipeline benchmark: PostgreSQL's own single-row INSERT ceiling (pgbench) and the API's
# accepted rate and latency over HTTP (wrk) at concurrency 16 and 64, the workers' completion
# rate and drain, submit-to-completed latency at half load, CPU per process and peak RSS; all in
# one run, against real processes started from the real jars.
#   system-tests/bench.sh   BENCH_SECONDS=20 BENCH_WARMUP_SECONDS=30 BENCH_WORKERS=2 BENCH_PROFILE=false
#                           BENCH_WORKER_ARGS="--spring.kafka.listener.concurrency=2" (compare a worker setting)
#                           BENCH_ONLY=long-poll (1,000 long-polls answered after their task's commit, alone)
# The ads' texts cycle through the hand-written ads of model/data/handwritten (lengths of real listings).
# Then microbenchmarks/run-scoring.sh (JMH) measures the scoring cost per ad on one core by length band.
# Output: system-tests/target/bench/benchmark.{json,md,png}, scoring.md (and flame graphs api-c64.html,
# worker-1-c64.html... with BENCH_PROFILE=true). Nothing here asserts on timing; .ci/run does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || ! command -v wrk >/dev/null; then
  apt-get install -y -q postgresql wrk >/dev/null
fi
./mvnw -B -q -Dspring-javaformat.skip=true -DskipTests install -pl system-tests -am
java -cp "system-tests/target/classes:$(cat system-tests/target/classpath.txt)" \
  -Dbench.seconds="${BENCH_SECONDS:-20}" -Dbench.warmupSeconds="${BENCH_WARMUP_SECONDS:-30}" \
  -Dbench.workers="${BENCH_WORKERS:-2}" -Dbench.profile="${BENCH_PROFILE:-false}" -Dbench.only="${BENCH_ONLY:-}" \
  -Dbench.workDirectory=system-tests/target/bench \
  -Dfaults.apiJar="$(ls api-service/target/api-service-*-exec.jar | head -n 1)" \
  -Dfaults.workerJar="$(ls worker-service/target/worker-service-*-exec.jar | head -n 1)" \
  -Dcluster.workerArguments="${BENCH_WORKER_ARGS:-}" -Dcluster.jvmOptions="-XX:+TieredCompilation" \
  org.admoderation.system.PipelineBenchmark
cat system-tests/target/bench/benchmark.md
[ -z "${BENCH_ONLY:-}" ] || exit 0
# The scoring cost per ad on one core, by length of the ad (JMH, the same hand-written ads).
microbenchmarks/run-scoring.sh | tee system-tests/target/bench/scoring.log | sed -n '/^| length/,$p' > system-tests/target/bench/scoring.md
cat system-tests/target/bench/scoring.md
