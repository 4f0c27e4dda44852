package io.mirrorguard.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mirrorguard.agent.console.ConsoleData;
import io.mirrorguard.agent.console.ConsoleRoutes;
import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.daemon.InstanceSpec;
import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.daemon.RuleInfo;
import io.mirrorguard.agent.daemon.UnknownInstanceException;
import io.mirrorguard.agent.metrics.AgentMetrics;
import io.mirrorguard.agent.metrics.MetricsBody;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.DocLinks;
import io.mirrorguard.agent.report.ReportFormat;
import io.mirrorguard.agent.store.FindingKey;
import io.mirrorguard.agent.store.FindingLifecycle;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The agent's HTTP API (Javalin, no plugins): metrics, health, instances, findings, rules, audits, reports and its
 * own OpenAPI description. Errors are JSON {@code {"error", "detail"}}; client mistakes are 4xx, never 5xx.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final String OPENAPI_RESOURCE = "/io/mirrorguard/agent/http/openapi.yaml";
    private static final String JSON = "application/json";

    /** A registered route: for the OpenAPI cross-check. */
    public record Route(String method, String path) {}

    /** Why the agent is not ready yet; empty when it is. */
    @FunctionalInterface
    public interface Readiness {
        List<String> notReadyReasons();
    }

    private final ApiSettings settings;
    private final AuditService audits;
    private final AgentMetrics metrics;
    private final Supplier<List<RuleInfo>> rules;
    private final Readiness readiness;
    private final LatestReport reports;
    private final BearerTokens tokens;
    private final RateLimiter auditLimiter;
    private final FailedAuthThrottle authThrottle = new FailedAuthThrottle(System::nanoTime);
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Javalin app;
    private ServerConnector tlsConnector;
    private volatile RemediationEndpoint remediation;

    public ApiServer(ApiSettings settings, AuditService audits, AgentMetrics metrics, Supplier<List<RuleInfo>> rules,
                     Readiness readiness, LatestReport reports) {
        this.settings = settings;
        this.audits = audits;
        this.metrics = metrics;
        this.rules = rules;
        this.readiness = readiness;
        this.reports = reports;
        this.tokens = new BearerTokens(settings.tokens());
        this.auditLimiter = new RateLimiter(Math.max(1, settings.auditBurst()), settings.auditRefill(), System::nanoTime);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.events.handlerAdded(h -> routes.add(new Route(h.getHttpMethod().name(), h.getPath())));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages()));
            if (settings.tls() != null) {
                config.jetty.addConnector((server, httpConfig) -> {
                    tlsConnector = tlsConnector(server, httpConfig, settings);
                    return tlsConnector;
                });
            }
            var r = config.routes;
            r.get("/metrics", this::metrics);
            r.head("/metrics", this::metricsHead);
            r.get("/healthz", ctx -> json(ctx, 200, Map.of("status", "ok")));
            r.get("/readyz", this::ready);
            r.get("/api/v1/instances", this::instances);
            r.get("/api/v1/findings", this::findings);
            r.get("/api/v1/findings/lifecycle", this::lifecycle);
            r.get("/api/v1/rules", ctx -> json(ctx, 200, Map.of("rules",
                    rules.get().stream().map(Views::rule).toList())));
            r.get("/api/v1/cluster", new ClusterRoute(audits));
            r.get("/api/v1/audits/{id}", this::audit);
            r.post("/api/v1/audits", this::startAudit);
            r.get("/api/v1/reports/latest", this::report);
            r.get("/api/v1/remediation/plan", ctx -> {
                allowOnly(ctx);
                json(ctx, 200, remediation().plan());
            });
            r.post("/api/v1/remediation/apply", this::applyRemediation);
            r.get("/api/v1/remediation/journal", ctx -> {
                allowOnly(ctx);
                json(ctx, 200, remediation().journal());
            });
            r.get("/api/v1/openapi.yaml", this::openapi);
            ConsoleRoutes.register(r, new ConsoleData(() -> reports.of(audits),
                    () -> audits.latest().map(Evaluation::snapshot), audits::statuses, audits::store,
                    Clock.systemUTC()));

            r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.detail()));
            // the error names the problem; what the client sent (a path, a name) goes to detail, bounded like every echo
            r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 405 ? "method not allowed" : e.getStatus() == 404 ? "not found" : e.getMessage(),
                    e.getStatus() == 405 ? ctx.method().name() + " " + ctx.path()
                            : e.getStatus() == 404 ? e.getMessage() : null));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error", null);
            });
            r.error(404, "*", ctx -> {
                if (!JSON.equals(ctx.res().getContentType()) || ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "not found", ctx.path());
                }
            });
        });
    }

    private static ServerConnector tlsConnector(org.eclipse.jetty.server.Server server, HttpConfiguration base,
                                                ApiSettings settings) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(settings.tls().keyStore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(settings.tls().password());
        ssl.setKeyStoreType(settings.tls().type() == null ? "PKCS12" : settings.tls().type());
        HttpConfiguration https = new HttpConfiguration(base);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector c = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
        c.setHost(settings.bind());
        c.setPort(settings.port());
        return c;
    }

    /** Starts listening on the configured bind address and port (0 = any free port). */
    public ApiServer start() {
        app.start(settings.bind(), settings.port());
        LOG.info("HTTP API listening on {}://{}:{}", settings.tls() == null ? "http" : "https", settings.bind(),
                port());
        return this;
    }

    /** Serves the remediation routes through {@code endpoint}; until then they answer 404. */
    public ApiServer remediation(RemediationEndpoint endpoint) {
        this.remediation = endpoint;
        return this;
    }

    public int port() {
        return tlsConnector != null ? tlsConnector.getLocalPort() : app.port();
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    // --- handlers ---

    /**
     * The cached exposition (see {@link AgentMetrics#body}); gzip-encoded here when the client accepts it, so
     * Javalin's per-response compression is skipped (it leaves a response with a Content-Encoding alone).
     */
    private void metrics(Context ctx) throws IOException {
        MetricsBody body = metricsHeaders(ctx);
        // the cached arrays straight to the response: no copy through an intermediate stream buffer
        OutputStream out = ctx.outputStream();
        for (byte[] part : body.parts()) {
            out.write(part);
        }
    }

    /** The headers a GET would get, with the scrape's real length (monitoring probes use HEAD to check size). */
    private void metricsHead(Context ctx) {
        metricsHeaders(ctx);
    }

    private MetricsBody metricsHeaders(Context ctx) {
        requireMetricsToken(ctx);
        MetricsBody body = metrics.body(ctx.header("Accept"), MetricsBody.acceptsGzip(ctx.header("Accept-Encoding")));
        ctx.status(200).contentType(body.contentType())
                .header("Vary", "Accept, Accept-Encoding")
                .header("Content-Length", Long.toString(body.length()));
        if (body.gzip()) {
            ctx.header("Content-Encoding", "gzip");
        }
        return body;
    }

    /** http.metricsAuth: scrapers send one of http.tokens (Prometheus: authorization.credentials_file). */
    private void requireMetricsToken(Context ctx) {
        if (settings.metricsAuth()) {
            authThrottle.require(ctx, tokens);
        }
    }

    private void ready(Context ctx) {
        List<String> reasons = readiness.notReadyReasons();
        if (reasons.isEmpty()) {
            json(ctx, 200, Map.of("status", "ready"));
        } else {
            error(ctx, 503, "not ready", reasons);
        }
    }

    private void instances(Context ctx) {
        allowOnly(ctx);
        Evaluation latest = audits.latest().orElse(null);
        List<Map<String, Object>> out = new ArrayList<>();
        for (InstanceStatus s : audits.statuses()) {
            InstanceSpec spec = audits.instance(s.instance()).orElseThrow();
            out.add(Views.instance(spec, s, latest));
        }
        json(ctx, 200, Map.of("instances", out));
    }

    private void findings(Context ctx) {
        allowOnly(ctx, "instance", "rule", "severity", "outcome", "peer");
        String instance = instanceParam(ctx, "instance");
        String peer = instanceParam(ctx, "peer");
        String rule = ruleParam(ctx);
        Severity severity = enumParam(ctx, "severity", Severity.class);
        Outcome outcome = enumParam(ctx, "outcome", Outcome.class);
        Optional<Evaluation> latest = audits.latest();
        Map<FindingKey, FindingLifecycle> lifecycles = new HashMap<>();
        audits.store().ifPresent(s -> s.lifecycles().forEach(l -> lifecycles.put(l.key(), l)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : latest.map(Evaluation::findings).orElse(List.of())) {
            if ((instance == null || instance.equals(f.instance())) && (peer == null || peer.equals(f.peer()))
                    && (rule == null || rule.equals(f.ruleId())) && (severity == null || severity == f.severity())
                    && (outcome == null || outcome == f.outcome())) {
                FindingLifecycle l = f.outcome() == Outcome.FAIL ? lifecycles.get(FindingKey.of(f)) : null;
                out.add(Views.finding(f, l));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("evaluatedAt", latest.map(Evaluation::evaluatedAt).orElse(null));
        body.put("findings", out);
        json(ctx, 200, body);
    }

    private void lifecycle(Context ctx) {
        allowOnly(ctx, "instance", "rule", "state");
        String instance = instanceParam(ctx, "instance");
        String rule = ruleParam(ctx);
        String state = ctx.queryParam("state");
        if (state != null && !state.equals("open") && !state.equals("resolved")) {
            throw ApiError.badRequest("state", "must be open or resolved, got " + state);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (FindingLifecycle l : audits.store().map(s -> s.lifecycles()).orElse(List.of())) {
            if ((instance == null || instance.equals(l.key().instance()))
                    && (rule == null || rule.equals(l.key().ruleId()))
                    && (state == null || state.equals(l.open() ? "open" : "resolved"))) {
                out.add(Views.lifecycle(l));
            }
        }
        json(ctx, 200, Map.of("findings", out));
    }

    private void audit(Context ctx) {
        String id = ctx.pathParam("id");
        AuditRun run = audits.run(id).orElseThrow(() -> new ApiError(404, "audit not found", id));
        Map<String, Object> body = Views.run(run);
        body.put("findings", audits.store().map(s -> s.findingsOf(id).stream().map(Views::storedFinding).toList())
                .orElse(List.of()));
        json(ctx, 200, body);
    }

    private void startAudit(Context ctx) {
        authThrottle.require(ctx, tokens);
        Optional<String> instance = parseAuditRequest(ctx.body()).map(n -> configuredName("instance", n));
        // only requests that would start an audit use up the allowance
        OptionalLong retry = auditLimiter.tryAcquire();
        if (retry.isPresent()) {
            ctx.header("Retry-After", Long.toString(retry.getAsLong()));
            throw new ApiError(429, "too many audit requests", "retry after " + retry.getAsLong() + "s");
        }
        AuditRun run;
        try {
            run = audits.submit(instance, AuditTrigger.ON_DEMAND);
        } catch (UnknownInstanceException e) {
            throw ApiError.badRequest("instance", "unknown instance " + e.instance());
        }
        ctx.header("Location", "/api/v1/audits/" + run.id());
        json(ctx, 202, Views.run(run));
    }

    private RemediationEndpoint remediation() {
        RemediationEndpoint r = remediation;
        if (r == null) {
            throw new ApiError(404, "remediation is not configured", "remediation.enabled and remediationAuth");
        }
        return r;
    }

    /** Same bearer token and rate limit as POST /api/v1/audits: an apply changes servers. */
    private void applyRemediation(Context ctx) {
        authThrottle.require(ctx, tokens);
        RemediationEndpoint r = remediation();
        JsonNode node;
        try {
            node = ctx.body().isBlank() ? null : ApiJson.MAPPER.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "invalid JSON body", e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || node.size() != 1 || node.get("hash") == null
                || !node.get("hash").isTextual() || !node.get("hash").asText().matches("[0-9a-fA-F]{64}")) {
            throw ApiError.badRequest("hash", "expected {\"hash\": \"<64 hex digits from GET /api/v1/remediation/plan>\"}");
        }
        OptionalLong retry = auditLimiter.tryAcquire();
        if (retry.isPresent()) {
            ctx.header("Retry-After", Long.toString(retry.getAsLong()));
            throw new ApiError(429, "too many requests", "retry after " + retry.getAsLong() + "s");
        }
        RemediationEndpoint.Response response = r.apply(node.get("hash").asText());
        json(ctx, response.status(), response.body());
    }

    private static Optional<String> parseAuditRequest(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = ApiJson.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "invalid JSON body", e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(400, "invalid JSON body", "expected an object like {\"instance\": \"SQLA\"}");
        }
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (!n.equals("instance")) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ApiError(400, "invalid JSON body", "unknown field(s) " + unknown + "; only instance is allowed");
        }
        JsonNode instance = node.get("instance");
        if (instance == null || instance.isNull()) {
            return Optional.empty();
        }
        if (!instance.isTextual() || instance.asText().isBlank()) {
            throw ApiError.badRequest("instance", "must be a non-empty string");
        }
        return Optional.of(instance.asText());
    }

    private void report(Context ctx) {
        allowOnly(ctx, "format");
        String format;
        try {
            format = ReportFormat.parse(Optional.ofNullable(ctx.queryParam("format")).orElse("json")).formatName();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("format", e.getMessage());
        }
        if (audits.latest().isEmpty()) {
            throw new ApiError(404, "no audit has completed yet", null);
        }
        AuditReport report = reports.of(audits)
                .orElseThrow(() -> new ApiError(501, "report format not available in this build", format));
        ReportFormat f = ReportFormat.parse(format);
        // served by the daemon, so rule docs link to its console pages
        ctx.status(200).contentType(f.contentType()).result(f.renderer(DocLinks.console()).render(report));
    }

    private void openapi(Context ctx) throws IOException {
        try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " missing from the build");
            }
            ctx.status(200).contentType("application/yaml")
                    .result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    // --- parameters ---

    /** Unknown and repeated parameters are 400: every filter takes one value, and none is silently dropped. */
    private static void allowOnly(Context ctx, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            String name = p.getKey();
            if (!ok.contains(name)) {
                throw ApiError.badRequest(name, "unknown query parameter; allowed: "
                        + (allowed.length == 0 ? "none" : String.join(", ", allowed)));
            }
            if (p.getValue().size() > 1) {
                throw ApiError.badRequest(name, "given " + p.getValue().size() + " times; give it at most once");
            }
        }
    }

    /** The configured name of the instance, matched case-insensitively as in the configuration. */
    private String instanceParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? null : configuredName(name, v);
    }

    private String configuredName(String parameter, String given) {
        return audits.instanceNames().stream().filter(n -> n.equalsIgnoreCase(given)).findFirst()
                .orElseThrow(() -> ApiError.badRequest(parameter, "unknown instance " + given));
    }

    private String ruleParam(Context ctx) {
        String v = ctx.queryParam("rule");
        if (v == null) {
            return null;
        }
        List<RuleInfo> known = rules.get();
        if (!known.isEmpty() && known.stream().noneMatch(r -> r.id().equals(v))) {
            throw ApiError.badRequest("rule", "unknown rule " + v);
        }
        return v;
    }

    private static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> values = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                values.add(c.name());
            }
            throw ApiError.badRequest(name, "must be one of " + values + ", got " + v);
        }
    }

    // --- responses ---

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(ApiJson.write(body));
    }

    private static void error(Context ctx, int status, String error, Object detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", HttpErrors.echo(error));
        body.put("detail", detail instanceof String text ? HttpErrors.echo(text) : detail);
        json(ctx, status, body);
    }
}
