#!/usr/bin/env bash
# The fault-injection suite: a real Kafka broker process, a real PostgreSQL server (Debian's
# postgresql package), the API and workers as separate JVMs, killed and restarted under load.
#   system-tests/run.sh          the short suite (also run by .ci/run)
#   system-tests/run.sh full     every scenario, and a three-broker cluster losing its busiest broker; the
#                                tables land in system-tests/target/faults/report.md and
#                                system-tests/target/faults-failover/report-failover.md
# The pipeline benchmark, on the same harness, is system-tests/bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-short}"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing Debian's PostgreSQL server for the fault suite"
  apt-get install -y -q postgresql >/dev/null
fi
# schemathesis, pinned, for the HTTP fuzz scenario (reinstalled when its requirements change).
venv=system-tests/http-fuzz/.venv
if ! cmp -s system-tests/http-fuzz/requirements.txt "$venv/installed.txt" 2>/dev/null; then
  echo "Installing schemathesis into $venv"
  rm -rf "$venv" && python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r system-tests/http-fuzz/requirements.txt
  cp system-tests/http-fuzz/requirements.txt "$venv/installed.txt"
fi
./mvnw -B -q -Dspring-javaformat.skip=true -DskipTests install -pl system-tests -am
MAVEN_ARGS="${MAVEN_ARGS:-} -B" ./mvnw -Pfaults -Dfaults.suite="$suite" -Dspring-javaformat.skip=true \
  -Dtest='FaultScenarioTests,BrokerFailoverScenarioTests' -Dsurefire.failIfNoSpecifiedTests=false test -pl system-tests
cat system-tests/target/faults/report.md
if [ "$suite" = full ]; then cat system-tests/target/faults-failover/report-failover.md; fi
