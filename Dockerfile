# mirrorguard agent image.
#   docker build -t mirrorguard \
#     --build-arg VERSION=0.1.0 --build-arg REVISION="$(git rev-parse HEAD)" \
#     --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" .
#   docker run -v "$PWD/conf:/etc/mirrorguard:ro" -v mirrorguard-data:/var/lib/mirrorguard -p 9440:9440 mirrorguard
# The mounted mirrorguard.yml must set http.bind: 0.0.0.0 for the published port to be reachable, and a
# storage.path under /var/lib/mirrorguard (the working directory, so the default ./mirrorguard-data lands there).
# The health check reads the same file (MIRRORGUARD_CONFIG) and follows its http.port and http.tls; mounting the
# config elsewhere means setting MIRRORGUARD_CONFIG and passing the same path to `run --config`.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependency cache: only the poms first (every module the root pom lists, or Maven cannot read the reactor), and a
# build of them without sources, which downloads exactly the dependencies and plugins the real build uses. This
# layer is rebuilt only when a pom changes, not on every source edit.
COPY pom.xml ./
COPY rules/pom.xml rules/
COPY simulator/pom.xml simulator/
COPY agent/pom.xml agent/
COPY dashboards/pom.xml dashboards/
RUN mvn -B -q -pl agent -am -DskipTests package && rm -rf rules/target simulator/target agent/target
COPY . .
RUN mvn -B -q -pl agent -am -DskipTests package

FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="mirrorguard" \
      org.opencontainers.image.description="Audits SQL Server database-mirroring and availability-group endpoint certificate security: CLI, daemon with HTTP API and Prometheus metrics" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/mirrorguard --shell /usr/sbin/nologin mirrorguard \
 && mkdir -p /var/lib/mirrorguard /etc/mirrorguard \
 && chown mirrorguard:mirrorguard /var/lib/mirrorguard
COPY --from=build /src/agent/target/mirrorguard.jar /app/mirrorguard.jar
COPY --from=build /src/bin/mirrorguard /app/bin/mirrorguard
USER 10001:10001
WORKDIR /var/lib/mirrorguard
VOLUME ["/var/lib/mirrorguard"]
ENV MIRRORGUARD_CONFIG=/etc/mirrorguard/mirrorguard.yml
EXPOSE 9440
# `mirrorguard healthcheck` asks /healthz on the port and scheme (http, or https trusting http.tls.keystore) the
# config gives the daemon, so changing http.port or enabling TLS does not break the check. A small, short-lived JVM.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -jar /app/mirrorguard.jar healthcheck --config "$MIRRORGUARD_CONFIG" || exit 1
# bin/mirrorguard sizes the heap from the number of instances in the --config file and uses the Serial GC, a 64 MB
# code cache and MALLOC_ARENA_MAX=2 (docs/performance.md "Footprint"); MIRRORGUARD_HEAP=768m overrides the estimate,
# JAVA_OPTS adds JVM options.
ENTRYPOINT ["/app/bin/mirrorguard"]
CMD ["run", "--config", "/etc/mirrorguard/mirrorguard.yml"]
