package io.mirrorguard.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus on a free loopback port, with its own temp dir (config, TSDB, log), scraping its targets every
 * second (by default one target as job "mirrorguard") and evaluating the given rule files every second. Close it to
 * stop the process and delete the temp dir.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path dir;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A query answer: the API's status and, on success, the data.result array. */
    record Answer(String status, String error, JsonNode result) {
        boolean ok() {
            return "success".equals(status);
        }
    }

    private PrometheusServer(Process process, Path dir, URI base) {
        this.process = process;
        this.dir = dir;
        this.base = base;
    }

    /** Starts Prometheus scraping `target` (host:port) at /metrics as job "mirrorguard" and waits until ready. */
    static PrometheusServer start(ExternalTool prometheus, String target, List<Path> ruleFiles) throws IOException {
        return start(prometheus, Map.of("mirrorguard", target), ruleFiles);
    }

    /**
     * Starts Prometheus scraping one target per job (job name to host:port, /metrics, honor_labels) and waits until
     * it reports ready.
     */
    static PrometheusServer start(ExternalTool prometheus, Map<String, String> targets, List<Path> ruleFiles)
            throws IOException {
        Path dir = Files.createTempDirectory("mirrorguard-prometheus-");
        int port = freePort();
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                """);
        for (Path rules : ruleFiles) {
            config.append("  - '").append(rules.toAbsolutePath()).append("'\n");
        }
        config.append("scrape_configs:\n");
        new TreeMap<>(targets).forEach((job, target) -> config.append("""
                  - job_name: '%s'
                    honor_labels: true
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(job, target)));
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheus.executable().toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.console.templates=" + dir.resolve("consoles"),
                "--web.console.libraries=" + dir.resolve("console_libraries"),
                "--log.level=warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, dir, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI baseUri() {
        return base;
    }

    /** Instant query at the server's current time. */
    Answer query(String promql) {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return new Answer(body.path("status").asText(), body.path("error").asText(null),
                body.path("data").path("result"));
    }

    /** Polls an instant query until its answer satisfies the condition; fails with the last answer after timeout. */
    Answer awaitQuery(String promql, Predicate<Answer> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Answer answer = query(promql);
        while (!condition.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("after " + timeout + " the query " + promql + " still answers " + answer
                        + "\n" + logTail());
            }
            sleep(Duration.ofMillis(250));
            answer = query(promql);
        }
        return answer;
    }

    JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed: " + e.getMessage() + "\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("prometheus.log"));
            return "prometheus log (last lines):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no prometheus log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP);
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).GET()
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for prometheus", e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("prometheus not ready at " + base + " within " + STARTUP + "\n" + logTail());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        ModuleFiles.deleteRecursively(dir);
    }

    boolean isAlive() {
        return process.isAlive();
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
