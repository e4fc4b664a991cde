#!/usr/bin/env bash
# The fault-injection suite: a real Kafka broker process, a real PostgreSQL server (Debian's
# postgresql package), the API and workers as separate JVMs, killed and restarted under load.
#   faults/run.sh          the short suite (also run by .ci/run)
#   faults/run.sh full     every scenario, and a three-broker cluster losing its busiest broker; the tables land
#                          in faults/target/faults/report.md and faults/target/faults-failover/report-failover.md
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-short}"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing Debian's PostgreSQL server for the fault suite"
  apt-get install -y -q postgresql >/dev/null
fi
# schemathesis, pinned, for the HTTP fuzz scenario (reinstalled when its requirements change).
venv=faults/http-fuzz/.venv
if ! cmp -s faults/http-fuzz/requirements.txt "$venv/installed.txt" 2>/dev/null; then
  echo "Installing schemathesis into $venv"
  rm -rf "$venv" && python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r faults/http-fuzz/requirements.txt
  cp faults/http-fuzz/requirements.txt "$venv/installed.txt"
fi
./mvnw -B -q -Dspring-javaformat.skip=true -DskipTests install -pl faults -am
MAVEN_ARGS="${MAVEN_ARGS:-} -B" ./mvnw -Pfaults -Dfaults.suite="$suite" -Dspring-javaformat.skip=true \
  -Dtest='FaultScenarioTests,BrokerFailoverScenarioTests' -Dsurefire.failIfNoSpecifiedTests=false test -pl faults
cat faults/target/faults/report.md
if [ "$suite" = full ]; then cat faults/target/faults-failover/report-failover.md; fi
