package io.mirrorguard.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.daemon.RuleInfo;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A real ApiServer on a free loopback port over an AuditService of two instances (SQLA, SQLB) with a fake evaluator. */
final class ApiFixture implements AutoCloseable {
    static final String TOKEN = "s3cret-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    final AgentMetrics metrics = new AgentMetrics("9.9.9");
    final AuditStore store;
    final AuditService service;
    final ApiServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ApiFixture(Path dir) {
        this(dir, false);
    }

    ApiFixture(Path dir, boolean metricsAuth) {
        store = AuditStore.open(dir);
        service = new AuditService(List.of(
                new InstanceSpec(Target.named("SQLA"), Duration.ofSeconds(10)),
                new InstanceSpec(Target.named("SQLB"), Duration.ofSeconds(10))), List.of(),
                instance -> Facts.instance(instance, instance.equals("SQLA") ? "SQLB" : "SQLA"),
                new FakeEvaluator(), store, metrics, Clock.systemUTC(), 2, Duration.ofDays(30));
        server = new ApiServer(new ApiSettings("127.0.0.1", 0, List.of(TOKEN), null, 5, Duration.ofHours(1),
                metricsAuth),
                service, metrics,
                () -> List.of(new RuleInfo("collected", "Instance was read", Severity.HIGH, "COLLECTION",
                        "why", "how", "docs/rules/collected.md")),
                List::of, new LatestReport(List.of(), "test")).start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).as(r.body()).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    static JsonNode error(HttpResponse<String> r, int status, String errorContains) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).contains(errorContains);
        assertThat(body.has("detail")).isTrue();
        return body;
    }

    @Override
    public void close() {
        server.stop();
        service.close();
        store.close();
        metrics.close();
    }
}
