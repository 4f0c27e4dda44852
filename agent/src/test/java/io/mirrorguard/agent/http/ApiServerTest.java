package io.mirrorguard.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.daemon.RuleInfo;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.FakeEvaluator;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerTest {
    private static final String TOKEN = "s3cret-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final AgentMetrics metrics = new AgentMetrics("9.9.9");
    private final List<String> notReady = new ArrayList<>(List.of("scheduler not running"));
    private AuditStore store;
    private AuditService service;
    private ApiServer server;

    @BeforeEach
    void start() {
        store = AuditStore.open(dir);
        service = new AuditService(List.of(
                new InstanceSpec(new Target("SQLA", "10.0.0.1", 1433, List.of(), Map.of("env", "test")),
                        Duration.ofSeconds(10)),
                new InstanceSpec(Target.named("SQLB"), Duration.ofSeconds(10))), List.of(),
                instance -> Facts.instance(instance, instance.equals("SQLA") ? "SQLB" : "SQLA"),
                new FakeEvaluator(), store, metrics, Clock.systemUTC(), 2, Duration.ofDays(30));
        server = new ApiServer(new ApiSettings("127.0.0.1", 0, List.of(TOKEN, ""), null, 2, Duration.ofHours(1)),
                service, metrics,
                () -> List.of(new RuleInfo("collected", "Instance was read", Severity.HIGH, "COLLECTION",
                        "why", "how", "docs/rules/collected.md"),
                        new RuleInfo("fleet-has-partner", "Has a partner", Severity.MEDIUM, "LINK", "why", "how",
                                "docs/rules/fleet-has-partner.md")),
                () -> List.copyOf(notReady), new LatestReport(List.of(), "test")).start();
    }

    @AfterEach
    void stop() {
        server.stop();
        service.close();
        store.close();
        metrics.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String errorContains) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).contains(errorContains);
        assertThat(body.has("detail")).isTrue();
    }

    @Test
    void metrics_are_served_in_both_formats_with_the_right_content_type() throws Exception {
        service.auditFleet(AuditTrigger.STARTUP);
        HttpResponse<String> text = get("/metrics");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).contains(AgentMetrics.CONTENT_TYPE_TEXT);
        assertThat(Scrape.parse(text.body()).mirrorguardFamilies()).contains(MetricFamilies.INSTANCE_UP,
                MetricFamilies.FINDINGS, MetricFamilies.BUILD_INFO);
        HttpResponse<String> om = get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertThat(om.headers().firstValue("Content-Type")).contains(AgentMetrics.CONTENT_TYPE_OPENMETRICS);
        assertThat(om.body()).endsWith("# EOF\n");
    }

    @Test
    void metrics_are_gzipped_when_asked_and_head_gives_the_length_a_get_sends() throws Exception {
        service.auditFleet(AuditTrigger.STARTUP);
        HttpResponse<byte[]> zipped = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("Content-Length")).contains(Integer.toString(zipped.body().length));
        String text;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(Scrape.parse(text).mirrorguardFamilies()).contains(MetricFamilies.INSTANCE_UP,
                MetricFamilies.BUILD_INFO);

        HttpResponse<String> plain = get("/metrics");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        long headLength = Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow());
        // the process families' values (uptime, memory) change between two scrapes, not their number
        assertThat((double) headLength).isCloseTo(plain.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length, org.assertj.core.data.Percentage.withPercentage(2));
        HttpResponse<String> headZipped = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept-Encoding", "gzip").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(headZipped.headers().firstValue("Content-Encoding")).contains("gzip");
    }

    @Test
    void health_is_always_ok_and_readiness_lists_what_is_missing() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> notYet = get("/readyz");
        assertError(notYet, 503, "not ready");
        assertThat(json(notYet).get("detail").get(0).asText()).isEqualTo("scheduler not running");
        notReady.clear();
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void instances_show_targets_and_latest_status_without_secrets() throws Exception {
        service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        JsonNode body = json(get("/api/v1/instances"));
        JsonNode a = body.get("instances").get(0);
        assertThat(a.get("name").asText()).isEqualTo("SQLA");
        assertThat(a.get("host").asText()).isEqualTo("10.0.0.1");
        assertThat(a.get("tags").get("env").asText()).isEqualTo("test");
        assertThat(a.get("up").asBoolean()).isTrue();
        assertThat(a.get("failures").get("MEDIUM").asInt()).isEqualTo(1);
        JsonNode b = body.get("instances").get(1);
        assertThat(b.get("lastAuditAt").isNull()).isTrue();
        assertThat(get("/api/v1/instances").body()).doesNotContain(TOKEN);
    }

    @Test
    void findings_are_filtered_and_bad_filters_are_400_naming_the_parameter() throws Exception {
        service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        JsonNode all = json(get("/api/v1/findings")).get("findings");
        assertThat(all).hasSize(2);
        JsonNode fails = json(get("/api/v1/findings?outcome=fail&instance=SQLA")).get("findings");
        assertThat(fails).hasSize(1);
        assertThat(fails.get(0).get("ruleId").asText()).isEqualTo("fleet-has-partner");
        assertThat(fails.get(0).get("firstSeen").asText()).isNotEmpty();
        assertThat(fails.get(0).get("evidence").get("observed").asText()).isEqualTo("observed");
        assertThat(json(get("/api/v1/findings?rule=collected&severity=HIGH")).get("findings")).hasSize(1);
        assertThat(json(get("/api/v1/findings?peer=SQLB")).get("findings")).isEmpty();

        for (var bad : Map.of("severity=URGENT", "severity", "outcome=MAYBE", "outcome", "instance=NOPE", "instance",
                "peer=NOPE", "peer", "rule=no-such-rule", "rule", "colour=red", "colour").entrySet()) {
            HttpResponse<String> r = get("/api/v1/findings?" + bad.getKey());
            assertError(r, 400, bad.getValue());
        }
    }

    @Test
    void lifecycle_shows_open_and_resolved_findings() throws Exception {
        service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        service.auditInstance("SQLB", AuditTrigger.SCHEDULED);
        service.auditInstance("SQLA", AuditTrigger.SCHEDULED);
        JsonNode l = json(get("/api/v1/findings/lifecycle?instance=SQLA")).get("findings");
        assertThat(l).hasSize(1);
        assertThat(l.get(0).get("state").asText()).isEqualTo("resolved");
        assertThat(l.get(0).get("resolvedAt").asText()).isNotEmpty();
        assertThat(json(get("/api/v1/findings/lifecycle?state=open")).get("findings")).isEmpty();
        assertError(get("/api/v1/findings/lifecycle?state=closed"), 400, "state");
    }

    @Test
    void rules_are_listed() throws Exception {
        JsonNode rules = json(get("/api/v1/rules")).get("rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).get("id").asText()).isEqualTo("collected");
        assertThat(rules.get(0).get("docPath").asText()).isEqualTo("docs/rules/collected.md");
    }

    @Test
    void posting_an_audit_needs_a_valid_token_and_returns_a_run_to_follow() throws Exception {
        assertError(send("POST", "/api/v1/audits", "{}"), 401, "unauthorized");
        assertError(send("POST", "/api/v1/audits", "{}", "Authorization", "Bearer wrong"), 401, "unauthorized");
        assertError(send("POST", "/api/v1/audits", "{}", "Authorization", "Bearer "), 401, "unauthorized");
        HttpResponse<String> r = send("POST", "/api/v1/audits", "{\"instance\":\"SQLB\"}",
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode run = json(r);
        String id = run.get("id").asText();
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/audits/" + id);
        assertThat(run.get("instances").get(0).asText()).isEqualTo("SQLB");

        JsonNode done = null;
        for (int i = 0; i < 500; i++) {
            done = json(get("/api/v1/audits/" + id));
            if (!done.get("status").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(done.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(done.get("trigger").asText()).isEqualTo("ON_DEMAND");
        assertThat(done.get("findings")).hasSize(2);
        assertError(get("/api/v1/audits/does-not-exist"), 404, "audit not found");
    }

    @Test
    void bad_audit_requests_are_400_and_too_many_are_429_with_retry_after() throws Exception {
        String auth = "Bearer " + TOKEN;
        assertError(send("POST", "/api/v1/audits", "{\"instance\":\"NOPE\"}", "Authorization", auth), 400,
                "instance");
        assertError(send("POST", "/api/v1/audits", "{\"instance\":42}", "Authorization", auth), 400, "instance");
        assertError(send("POST", "/api/v1/audits", "{\"everything\":true}", "Authorization", auth), 400,
                "invalid JSON body");
        // refused requests used up nothing: the burst of 2 is still there
        assertThat(send("POST", "/api/v1/audits", "{\"instance\":\"SQLA\"}", "Authorization", auth).statusCode())
                .isEqualTo(202);
        assertThat(send("POST", "/api/v1/audits", "", "Authorization", auth).statusCode()).isEqualTo(202);
        HttpResponse<String> limited = send("POST", "/api/v1/audits", "", "Authorization", auth);
        assertError(limited, 429, "too many");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isPositive());
    }

    @Test
    void a_malformed_body_is_400() throws Exception {
        assertError(send("POST", "/api/v1/audits", "{not json", "Authorization", "Bearer " + TOKEN), 400,
                "invalid JSON body");
    }

    @Test
    void reports_serve_json_validate_the_format_and_say_when_nothing_ran_yet() throws Exception {
        assertError(get("/api/v1/reports/latest"), 404, "no audit");
        service.auditFleet(AuditTrigger.STARTUP);
        HttpResponse<String> r = get("/api/v1/reports/latest?format=json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("findings")).hasSize(4);
        assertError(get("/api/v1/reports/latest?format=pdf"), 400, "format");
    }

    @Test
    void unknown_routes_are_404_and_wrong_methods_405_in_json() throws Exception {
        assertError(get("/api/v1/nothing-here"), 404, "not found");
        assertError(send("DELETE", "/api/v1/findings", null), 405, "method not allowed");
        assertError(send("POST", "/api/v1/rules", "{}"), 405, "method not allowed");
    }

    @Test
    void openapi_describes_exactly_the_registered_routes() throws Exception {
        HttpResponse<String> r = get("/api/v1/openapi.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = new YAMLMapper().readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (Set.of("get", "post", "put", "delete", "patch", "head", "options").contains(m)) {
                documented.add(m.toUpperCase() + " " + p.getKey());
            }
        }));
        Set<String> registered = new HashSet<>();
        server.routes().forEach(route -> registered.add(route.method() + " " + route.path()));
        assertThat(registered).hasSize(22); // 12 + HEAD /metrics + the three remediation routes + six console routes
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }
}
