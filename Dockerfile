# One Dockerfile for all four apps, chosen with --build-arg APP=<module> PORT=<its port>: they share
# the base image, the JVM settings and the layout, so a fix lands in every image at once.
# Build the jars first (./mvnw -B -DskipTests package), then from the repository root:
#   docker build --build-arg APP=platform-registry --build-arg PORT=8081 -t iip/platform-registry .

ARG JAVA_IMAGE=eclipse-temurin:21-jre-noble

FROM ${JAVA_IMAGE} AS layers
ARG APP
ARG VERSION=1.0.0-SNAPSHOT
WORKDIR /build
COPY ${APP}/target/${APP}-${VERSION}-exec.jar app.jar
# Boot's layers, from least to most often changed, each copied below as its own image layer, so a
# code change rebuilds and ships only the small application layer.
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JAVA_IMAGE}
ARG APP
ARG PORT=8080
RUN groupadd --system --gid 10001 iip \
 && useradd --system --uid 10001 --gid iip --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin iip
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./

ENV APP_NAME=${APP} \
    IIP_PORT=${PORT}

# Numeric, so Kubernetes can verify runAsNonRoot without reading /etc/passwd.
USER 10001:10001
EXPOSE ${PORT}

# The app's own port (IIP_PORT) unless actuator moved to MANAGEMENT_SERVER_PORT; readiness, not
# liveness, so compose starts dependants only once the app can reach its store.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl --fail --silent --output /dev/null "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${IIP_PORT:-8080}}/actuator/health/readiness" || exit 1

# The heap follows the container's memory limit, not the host's (70 %: the rest is metaspace, code
# cache and thread stacks); a JVM out of memory exits, so the orchestrator restarts it rather than
# leaving it half alive. Operators add flags with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70.0", "-XX:InitialRAMPercentage=30.0", "-XX:+ExitOnOutOfMemoryError", \
            "org.springframework.boot.loader.launch.JarLauncher"]
