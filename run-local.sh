#!/usr/bin/env bash
# Runs the whole moderation system on this machine with only Java 17: embedded PostgreSQL,
# an embedded Kafka broker, the schema with demo data, the API on :8003 (actuator on :9003) and worker(s).
# Options: --api-port=8003 --management-port=9003 --workers=1 --postgres-port=5432 --kafka-port=9092
# (or the environment variables API_PORT, MANAGEMENT_PORT, WORKERS, POSTGRES_PORT, KAFKA_PORT).
# A port already taken stops it at once, naming the option. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building (first run downloads dependencies; later runs take under a minute)..."
./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true install -pl local-runner -am

jar=$(ls local-runner/target/local-runner-*-exec.jar | head -n 1)
mkdir -p local-runner/target
exec java -XX:+UseSerialGC -Xss512k -Dlocal.log.file=local-runner/target/local-run.log -jar "$jar" "$@"
