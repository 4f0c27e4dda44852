package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Prometheus scrapes a static endpoint serving {@link SampleMetrics} and loads alerts.yml; every dashboard and
 * rule expression is then evaluated through the HTTP API. The sample covers cases the simulated fleets of
 * {@link AgentPrometheusEndToEndTest} (the real agent) do not: a certificate expiring within 7 days, a stale audit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private StaticMetricsEndpoint endpoint;
    private PrometheusServer prometheus;

    @BeforeAll
    void start() throws Exception {
        ExternalTool binary = ExternalTool.require("prometheus");
        endpoint = new StaticMetricsEndpoint(() -> SampleMetrics.render(Instant.now()));
        prometheus = PrometheusServer.start(binary, endpoint.target(), List.of(ModuleFiles.alertRules()));
        prometheus.awaitQuery("up{job=\"mirrorguard\"} == 1", a -> a.ok() && a.result().size() == 1, WAIT);
        // increase() needs two samples, and recording rules one evaluation after a scrape
        prometheus.awaitQuery("count_over_time(mirrorguard_audits_total[5m]) >= 2", a -> a.ok() && a.result().size() == 3,
                WAIT);
        prometheus.awaitQuery("instance:mirrorguard_certificate_expiry:seconds_remaining",
                a -> a.ok() && a.result().size() == 5, WAIT);
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
            assertThat(prometheus.isAlive()).as("prometheus process after close").isFalse();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void auditedInstanceLabelSurvivesTheScrape() {
        PrometheusServer.Answer answer = prometheus.query("mirrorguard_instance_up");
        assertThat(answer.ok()).isTrue();
        assertThat(labelValues(answer, "instance")).containsExactly("SQLA", "SQLB", "SQLC");
        assertThat(prometheus.query("mirrorguard_instance_up{exported_instance!=\"\"}").result()).isEmpty();
    }

    @Test
    void everyDashboardExpressionReturnsData() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.shipped()) {
            for (Dashboard.Query query : dashboard.queries()) {
                String expr = Dashboard.substitute(query.expr(), Dashboard.SAMPLE_VARIABLES);
                PrometheusServer.Answer answer = prometheus.query(expr);
                if (!answer.ok()) {
                    problems.add(query.where() + ": " + answer.error());
                } else if (answer.result().isEmpty()) {
                    problems.add(query.where() + ": no data for " + expr);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRuleExpressionEvaluates() {
        for (AlertRules.Rule rule : AlertRules.shipped().rules()) {
            PrometheusServer.Answer answer = prometheus.query(rule.expr());
            assertThat(answer.ok()).as(rule.name() + ": " + answer.error()).isTrue();
        }
    }

    @Test
    void recordingRulesComputeFromTheScrape() {
        PrometheusServer.Answer ratio = prometheus.query("instance:mirrorguard_rule_checks:pass_ratio{instance=\"SQLA\"}");
        assertThat(value(ratio.result().get(0))).isCloseTo(4.0 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
        PrometheusServer.Answer left = prometheus.query(
                "instance:mirrorguard_certificate_expiry:seconds_remaining{instance=\"SQLB\",usage=\"endpoint\"}");
        assertThat(value(left.result().get(0))).isBetween(2.9 * 86400, 3.0 * 86400);
    }

    /** With the sample fleet every alert but the expired/not-yet-valid endpoint certificate and agent-down is active. */
    @Test
    void sampleFleetRaisesTheExpectedAlerts() {
        Set<String> expected = Set.of("MirrorguardEndpointCertificateExpiresIn30Days",
                "MirrorguardEndpointCertificateExpiresIn7Days", "MirrorguardPeerCertificateExpired",
                "MirrorguardEndpointEncryptionNotRequired", "MirrorguardEndpointEncryptionNotAesOnly",
                "MirrorguardEndpointConnectGrantedToPublic", "MirrorguardPeerTrustBroken",
                "MirrorguardInstanceAuditStale", "MirrorguardInstanceUnreachable");
        PrometheusServer.Answer alerts = prometheus.awaitQuery("ALERTS",
                a -> a.ok() && labelValues(a, "alertname").equals(new TreeSet<>(expected)), WAIT);
        JsonNode trust = find(alerts, "MirrorguardPeerTrustBroken");
        assertThat(trust.path("metric").path("instance").asText()).isEqualTo("SQLB");
        assertThat(trust.path("metric").path("peer").asText()).isEqualTo("SQLA");
        assertThat(find(alerts, "MirrorguardEndpointCertificateExpiresIn7Days").path("metric").path("certificate")
                .asText()).isEqualTo("SQLB_cert");
        assertThat(find(alerts, "MirrorguardPeerCertificateExpired").path("metric").path("certificate").asText())
                .isEqualTo("SQLC_old");
    }

    private static JsonNode find(PrometheusServer.Answer answer, String alertname) {
        for (JsonNode series : answer.result()) {
            if (alertname.equals(series.path("metric").path("alertname").asText())) {
                return series;
            }
        }
        throw new AssertionError(alertname + " not in " + answer.result());
    }

    private static Set<String> labelValues(PrometheusServer.Answer answer, String label) {
        Set<String> values = new TreeSet<>();
        answer.result().forEach(series -> values.add(series.path("metric").path(label).asText()));
        return values;
    }

    private static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").get(1).asText());
    }
}
