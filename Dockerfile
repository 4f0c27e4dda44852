# mirrorguard agent image.
#   docker build -t mirrorguard .
#   docker run -v "$PWD/conf:/etc/mirrorguard:ro" -v mirrorguard-data:/var/lib/mirrorguard -p 9440:9440 mirrorguard
# The mounted mirrorguard.yml must set http.bind: 0.0.0.0 for the published port to be reachable, and a
# storage.path under /var/lib/mirrorguard (the working directory, so the default ./mirrorguard-data lands there).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl agent -am -DskipTests package

FROM eclipse-temurin:17-jre
# curl only for the HEALTHCHECK
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/mirrorguard --shell /usr/sbin/nologin mirrorguard \
 && mkdir -p /var/lib/mirrorguard /etc/mirrorguard \
 && chown mirrorguard:mirrorguard /var/lib/mirrorguard
COPY --from=build /src/agent/target/mirrorguard.jar /app/mirrorguard.jar
USER 10001:10001
WORKDIR /var/lib/mirrorguard
VOLUME ["/var/lib/mirrorguard"]
EXPOSE 9440
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9440/healthz || exit 1
ENTRYPOINT ["java", "-jar", "/app/mirrorguard.jar"]
CMD ["run", "--config", "/etc/mirrorguard/mirrorguard.yml"]
