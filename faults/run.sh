#!/usr/bin/env bash
# The fault-injection suite: a real Kafka broker process, a real PostgreSQL server (Debian's
# postgresql package), the API and workers as separate JVMs, killed and restarted under load.
#   faults/run.sh          the short suite (also run by .ci/run)
#   faults/run.sh full     every scenario; the table lands in faults/target/faults/report.md
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-short}"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing Debian's PostgreSQL server for the fault suite"
  apt-get install -y -q postgresql >/dev/null
fi
./mvnw -B -q -Dspring-javaformat.skip=true -DskipTests install -pl faults -am
MAVEN_ARGS="${MAVEN_ARGS:-} -B" ./mvnw -Pfaults -Dfaults.suite="$suite" -Dspring-javaformat.skip=true \
  -Dtest=FaultScenarioTests -Dsurefire.failIfNoSpecifiedTests=false test -pl faults
cat faults/target/faults/report.md
