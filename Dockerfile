# syntax=docker/dockerfile:1
# The API and the worker share one image recipe; the service and its ports are build arguments:
#   docker build --build-arg SERVICE=api-service --build-arg PORT=8003 --build-arg MANAGEMENT_PORT=9003 -t ad-moderation/api .
#   docker build --build-arg SERVICE=worker-service --build-arg PORT=9081 --build-arg MANAGEMENT_PORT=9081 -t ad-moderation/worker .
# (The worker serves no API: its one port is the management port.)
# (docker-compose.yml passes them.)
ARG SERVICE=api-service

FROM eclipse-temurin:17-jdk-noble AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The Maven cache mount keeps rebuilds fast; the image itself never downloads anything at run time.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package -pl ${SERVICE} -am \
 && java -Djarmode=tools -jar ${SERVICE}/target/${SERVICE}-*-exec.jar extract --layers --launcher --destination /layers

# glibc-based JRE (onnxruntime's native library does not run on musl/Alpine); C.UTF-8 locale included.
FROM eclipse-temurin:17-jre-noble
ARG PORT=8003
ARG MANAGEMENT_PORT=9003
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
# Layers from least to most often changed, so a code change rebuilds only the last one.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
# MALLOC_ARENA_MAX: two glibc arenas instead of one per thread, which would keep the native memory
# onnxruntime and the JIT free resident.
ENV LANG=C.UTF-8 \
    MALLOC_ARENA_MAX=2 \
    PORT=${PORT} \
    MANAGEMENT_PORT=${MANAGEMENT_PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
EXPOSE ${PORT} ${MANAGEMENT_PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://localhost:${MANAGEMENT_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
