package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirrorguard.agent.metrics.MetricFamilies;
import io.mirrorguard.agent.metrics.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The end-to-end proof: a real Prometheus scrapes the real agent, which audits simulated fleets with drift
 * over TDS (see {@link LiveAgents}), and loads alerts.yml with every {@code for:} shortened to {@value #FOR}. Every
 * dashboard and rule expression is evaluated through Prometheus' HTTP API; the alerts go pending, then firing, for
 * exactly the drifted instances.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LiveAgents.Resolver.class)
class AgentPrometheusEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FOR = "4s";
    private static final double DAY = 86400;
    /**
     * demo-drift's certificates expire 20 days after its last clock; 21 once re-anchored when the certificates' one
     * year of validity spans a 29 February. drift-cert-expired's expired 4 days before (3 across a 29 February).
     */
    private static final double DRIFT_DAYS_LEFT_MIN = 19.5;
    private static final double DRIFT_DAYS_LEFT_MAX = 21.5;

    private LiveAgents agents;
    private Path rulesDir;
    private PrometheusServer prometheus;
    /** Alert key to the states it went through since Prometheus started. */
    private final Map<String, List<String>> alertHistory = new TreeMap<>();

    @BeforeAll
    void start(LiveAgents liveAgents) throws Exception {
        ExternalTool binary = ExternalTool.require("prometheus");
        agents = liveAgents;
        rulesDir = Files.createTempDirectory("mirrorguard-e2e-rules-");
        Path rules = AlertRulesCopy.withFor(FOR, rulesDir);
        prometheus = PrometheusServer.start(binary, agents.targets(), List.of(rules));
        // from the start, so that the pending state of the shortened for: is seen before firing
        recordAlertsUntilTheyFire();
        int jobs = agents.targets().size();
        prometheus.awaitQuery("up == 1", a -> a.ok() && a.result().size() == jobs, WAIT);
        // increase() needs two samples of every counter, and the recording rules an evaluation after a scrape
        prometheus.awaitQuery("count(count_over_time(mirrorguard_audits_total[5m]) >= 2)"
                + " == count(mirrorguard_audits_total)", a -> a.ok() && a.result().size() == 1, WAIT);
        prometheus.awaitQuery("job:mirrorguard_rule_checks:pass_ratio", a -> a.ok() && a.result().size() == jobs,
                WAIT);
        prometheus.awaitQuery("instance:mirrorguard_certificate_expiry:seconds_remaining{job=\"mirrorguard\"}",
                a -> a.ok() && !a.result().isEmpty(), WAIT);
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
            assertThat(prometheus.isAlive()).as("prometheus process after close").isFalse();
        }
        if (rulesDir != null) {
            ModuleFiles.deleteRecursively(rulesDir);
        }
    }

    @Test
    void auditedInstanceLabelSurvivesTheScrape() {
        assertThat(labelValues(prometheus.query("mirrorguard_instance_up{job=\"mirrorguard\"}"), "instance"))
                .containsExactly("SQLA", "SQLB", "SQLW");
        assertThat(labelValues(prometheus.query("mirrorguard_instance_up{job=\"mirrorguard-faults\"}"), "instance"))
                .containsExactly("SQLF1", "SQLF2", "SQLF3", "SQLF4", "SQLF5", "SQLOK");
        assertThat(prometheus.query("{exported_instance!=\"\"}").result()).isEmpty();
    }

    /**
     * No expression errors. On the fleet dashboard and on the instance dashboard of each demo-drift instance every
     * expression returns data, except the remediation panels: the daemon records no remediation yet.
     */
    @Test
    void everyDashboardExpressionEvaluatesAndReturnsData() {
        List<String> problems = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.shipped()) {
            for (String instance : List.of("SQLA", "SQLB", "SQLW", "SQLF1")) {
                Map<String, String> variables = new LinkedHashMap<>(Dashboard.SAMPLE_VARIABLES);
                variables.put("instance", instance);
                for (Dashboard.Query query : dashboard.queries()) {
                    String expr = Dashboard.substitute(query.expr(), variables);
                    PrometheusServer.Answer answer = prometheus.query(expr);
                    boolean mustHaveData = !instance.equals("SQLF1")
                            && !expr.contains(MetricFamilies.REMEDIATIONS);
                    if (!answer.ok()) {
                        problems.add(query.where() + " ($instance=" + instance + "): " + answer.error());
                    } else if (mustHaveData && answer.result().isEmpty()) {
                        problems.add(query.where() + " ($instance=" + instance + "): no data for " + expr);
                    } else if (!mustHaveData && expr.contains(MetricFamilies.REMEDIATIONS)) {
                        assertThat(answer.result()).as("remediations the daemon does not record yet").isEmpty();
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every label value a dashboard or rule selects (usage="endpoint", outcome=~"PASS|FAIL|ERROR", ...) exists. */
    @Test
    void everySelectedLabelValueIsOneTheAgentEmits() {
        Map<String, String> selected = new TreeMap<>();
        for (Dashboard dashboard : Dashboard.shipped()) {
            for (Dashboard.Query query : dashboard.queries()) {
                String expr = Dashboard.substitute(query.expr(), Dashboard.SAMPLE_VARIABLES);
                PromqlSelectors.expectedValues(expr).forEach(e -> selected.putIfAbsent(e.selector(), query.where()));
            }
        }
        for (AlertRules.Rule rule : AlertRules.shipped().rules()) {
            PromqlSelectors.expectedValues(rule.expr())
                    .forEach(e -> selected.putIfAbsent(e.selector(), "alerts.yml " + rule.name()));
        }
        assertThat(selected).containsKeys("mirrorguard_certificate_not_after_timestamp_seconds{usage=\"endpoint\"}",
                "mirrorguard_certificate_not_after_timestamp_seconds{usage=\"peer\"}",
                "mirrorguard_checks{outcome=\"ERROR\"}", "up{job=\"mirrorguard\"}");
        List<String> missing = new ArrayList<>();
        selected.forEach((selector, where) -> {
            if (!selector.startsWith(MetricFamilies.REMEDIATIONS) && prometheus.query(selector).result().isEmpty()) {
                missing.add(where + ": no series " + selector);
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRuleExpressionEvaluates() {
        for (AlertRules.Rule rule : AlertRules.shipped().rules()) {
            PrometheusServer.Answer answer = prometheus.query(rule.expr());
            assertThat(answer.ok()).as(rule.name() + ": " + answer.error()).isTrue();
        }
    }

    /** The recording rules give what the agent's own scrape says, and the demo-drift certificates' 20 days. */
    @Test
    void recordingRulesAgreeWithTheAgentsScrape() {
        Scrape scrape = Scrape.parse(agents.agent(LiveAgents.DRIFT).scrape());
        Map<String, Double> byOutcome = new TreeMap<>();
        scrape.samples(MetricFamilies.CHECKS).stream().filter(s -> s.labels().get("instance").equals("SQLA"))
                .forEach(s -> byOutcome.merge(s.labels().get("outcome"), s.value(), Double::sum));
        double pass = byOutcome.getOrDefault("PASS", 0.0);
        double expected = pass / (pass + byOutcome.getOrDefault("FAIL", 0.0) + byOutcome.getOrDefault("ERROR", 0.0));
        assertThat(expected).isStrictlyBetween(0.0, 1.0);
        assertThat(value(single(prometheus.query(
                "instance:mirrorguard_rule_checks:pass_ratio{job=\"mirrorguard\",instance=\"SQLA\"}"))))
                .isCloseTo(expected, offset(1e-9));

        for (String instance : List.of("SQLA", "SQLB", "SQLW")) {
            double left = value(single(prometheus.query("instance:mirrorguard_certificate_expiry:seconds_remaining"
                    + "{job=\"mirrorguard\",instance=\"" + instance + "\",usage=\"endpoint\"}")));
            assertThat(left / DAY).as(instance).isBetween(DRIFT_DAYS_LEFT_MIN, DRIFT_DAYS_LEFT_MAX);
        }
    }

    /** What the scenarios broke is what the panels show. */
    @Test
    void theDriftShowsOnThePanels() {
        Dashboard fleet = Dashboard.read(ModuleFiles.dashboards().get(0));
        assertThat(labelValues(query(fleet, "Failing rules"), "rule")).contains("master-key-protected-by-service-key",
                "endpoint-connect-not-public", "peer-certificate-installed", "witness-trust-both-ways",
                "endpoint-certificate-expiry-horizon", "endpoint-encryption-aes-only", "endpoint-certificate-validity",
                "instance-audited", "endpoint-encryption-required", "partner-encryption-compatible")
                .doesNotContain("endpoint-present", "endpoint-started", "master-key-present");
        assertThat(value(single(query(fleet, "Broken trust links")))).isGreaterThanOrEqualTo(1);
        // drift-cert-expired: the fleet's soonest endpoint expiry is 4 (or 3) days ago
        assertThat(value(single(query(fleet, "Soonest endpoint certificate expiry"))) / DAY).isBetween(-4.5, -2.5);
        assertThat(labelValues(query(fleet, "Audits per hour by outcome"), "outcome"))
                .containsExactly("failure", "success");

        JsonNode sqlaCert = find(query(fleet, "Certificates by days left"), Map.of("job", "mirrorguard",
                "instance", "SQLA", "certificate", "SQLA_cert"));
        assertThat(sqlaCert.path("metric").path("usage").asText()).isEqualTo("endpoint");
        assertThat(sqlaCert.path("metric").path("subject").asText()).contains("SQLA");
        assertThat(sqlaCert.path("metric").path("thumbprint").asText()).isNotBlank();
        assertThat(value(sqlaCert)).isBetween(DRIFT_DAYS_LEFT_MIN, DRIFT_DAYS_LEFT_MAX);
        assertThat(find(query(fleet, "Certificates by days left"), Map.of("job", "mirrorguard", "instance", "SQLB",
                "certificate", "SQLA_cert")).path("metric").path("usage").asText()).isEqualTo("peer");

        PrometheusServer.Answer endpoints = query(fleet, "Endpoint encryption and authentication");
        JsonNode rc4 = find(endpoints, Map.of("job", "mirrorguard-rc4", "instance", "SQLB")).path("metric");
        assertThat(rc4.path("encryption").asText()).isEqualTo("REQUIRED");
        assertThat(rc4.path("algorithm").asText()).isEqualTo("RC4");
        // the hardened values the table colours green are the ones the agent emits for a hardened endpoint
        JsonNode hardened = find(endpoints, Map.of("job", "mirrorguard-rc4", "instance", "SQLA")).path("metric");
        assertThat(hardened.path("state").asText()).isEqualTo("STARTED");
        assertThat(hardened.path("authentication").asText()).isEqualTo("CERTIFICATE");
        assertThat(hardened.path("encryption").asText()).isEqualTo("REQUIRED");
        assertThat(hardened.path("algorithm").asText()).isEqualTo("AES");
        assertThat(hardened.path("role").asText()).isEqualTo("ALL");

        Dashboard instance = Dashboard.read(ModuleFiles.dashboards().get(1));
        Map<String, String> sqlw = Map.of("instance", "SQLW", "__rate_interval", "5m");
        PrometheusServer.Answer trustsSqlw = query(instance, "$instance trusts", sqlw);
        JsonNode brokenLink = find(trustsSqlw, Map.of("job", "mirrorguard", "peer", "SQLA"));
        assertThat(value(brokenLink)).isZero();
        assertThat(value(find(trustsSqlw, Map.of("job", "mirrorguard", "peer", "SQLB")))).isEqualTo(1);
        // the agent omits outcomes without findings (SQLW has no ERROR), so only those with findings are bars
        assertThat(labelValues(query(instance, "Checks by outcome", sqlw), "outcome"))
                .contains("PASS", "FAIL", "NOT_APPLICABLE")
                .isSubsetOf("PASS", "FAIL", "ERROR", "NOT_APPLICABLE");
    }

    /**
     * With {@code for:} at {@value #FOR}, every expected alert is seen pending, then firing; no other alert is active
     * (the clean instances and fleets stay silent).
     */
    @Test
    void alertsGoPendingThenFiringForTheDriftedInstancesOnly() {
        Set<String> expected = expectedAlerts();
        Map<String, String> current = alertStates();
        assertThat(current.keySet()).as("active alerts (pending or firing)").containsExactlyElementsOf(expected);
        assertThat(firing(current)).as("firing alerts").containsExactlyElementsOf(expected);
        for (String key : expected) {
            assertThat(alertHistory.get(key)).as(key + " went pending, then firing")
                    .containsExactly("pending", "firing");
        }
    }

    /** The annotations render against the live series: endpoint details looked up by the template, runbook pages. */
    @Test
    void alertAnnotationsRenderWithTheAgentsLabels() {
        Map<String, JsonNode> annotations = new TreeMap<>();
        for (JsonNode alert : prometheus.get("/api/v1/alerts").path("data").path("alerts")) {
            annotations.put(key(alert.path("labels")), alert.path("annotations"));
        }
        assertThat(annotations.get("MirrorguardEndpointEncryptionNotRequired job=mirrorguard-disabled instance=SQLW"
                + " rule=endpoint-encryption-required").path("description").asText())
                .contains("SQLW").contains("encryption DISABLED, algorithm NONE");
        assertThat(annotations.get("MirrorguardEndpointEncryptionNotAesOnly job=mirrorguard-rc4 instance=SQLB"
                + " rule=endpoint-encryption-aes-only").path("description").asText()).contains("algorithm RC4");
        assertThat(annotations.get("MirrorguardPeerTrustBroken job=mirrorguard instance=SQLW peer=SQLA")
                .path("description").asText()).startsWith("SQLW does not trust SQLA completely");
        assertThat(annotations.get("MirrorguardRuleFailing job=mirrorguard instance=SQLA"
                + " rule=master-key-protected-by-service-key").path("runbook_url").asText())
                .endsWith("/docs/rules/master-key-protected-by-service-key.md");
        assertThat(annotations.get("MirrorguardEndpointCertificateExpiresIn30Days job=mirrorguard instance=SQLA"
                + " certificate=SQLA_cert").path("description").asText())
                .containsPattern("Certificate SQLA_cert of the mirroring endpoint on SQLA expires in (19|20|21)d ");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The alerts the fleets deserve, as {@link #alertStates()} keys them. */
    private static Set<String> expectedAlerts() {
        Set<String> expected = new TreeSet<>(List.of(
                // demo-drift
                "MirrorguardEndpointCertificateExpiresIn30Days job=mirrorguard instance=SQLA certificate=SQLA_cert",
                "MirrorguardEndpointCertificateExpiresIn30Days job=mirrorguard instance=SQLB certificate=SQLB_cert",
                "MirrorguardEndpointCertificateExpiresIn30Days job=mirrorguard instance=SQLW certificate=SQLW_cert",
                "MirrorguardEndpointConnectGrantedToPublic job=mirrorguard instance=SQLB"
                        + " rule=endpoint-connect-not-public",
                "MirrorguardPeerTrustBroken job=mirrorguard instance=SQLW peer=SQLA",
                "MirrorguardRuleFailing job=mirrorguard instance=SQLA rule=master-key-protected-by-service-key",
                "MirrorguardCriticalRuleFailing job=mirrorguard instance=SQLW rule=witness-trust-both-ways",
                // drift-encryption-rc4; partner-encryption-compatible reports each link on its first instance by name
                "MirrorguardEndpointEncryptionNotAesOnly job=mirrorguard-rc4 instance=SQLB"
                        + " rule=endpoint-encryption-aes-only",
                "MirrorguardCriticalRuleFailing job=mirrorguard-rc4 instance=SQLA rule=partner-encryption-compatible",
                "MirrorguardCriticalRuleFailing job=mirrorguard-rc4 instance=SQLB rule=partner-encryption-compatible",
                // drift-encryption-disabled
                "MirrorguardEndpointEncryptionNotRequired job=mirrorguard-disabled instance=SQLW"
                        + " rule=endpoint-encryption-required",
                "MirrorguardEndpointEncryptionNotAesOnly job=mirrorguard-disabled instance=SQLW"
                        + " rule=endpoint-encryption-aes-only",
                "MirrorguardCriticalRuleFailing job=mirrorguard-disabled instance=SQLA"
                        + " rule=partner-encryption-compatible",
                "MirrorguardCriticalRuleFailing job=mirrorguard-disabled instance=SQLB"
                        + " rule=partner-encryption-compatible",
                // drift-cert-expired
                "MirrorguardEndpointCertificateExpired job=mirrorguard-expired instance=SQLA certificate=SQLA_cert",
                "MirrorguardEndpointCertificateExpired job=mirrorguard-expired instance=SQLB certificate=SQLB_cert",
                "MirrorguardEndpointCertificateExpired job=mirrorguard-expired instance=SQLW certificate=SQLW_cert",
                "MirrorguardPeerCertificateExpired job=mirrorguard-expired instance=SQLA certificate=SQLB_cert",
                "MirrorguardPeerCertificateExpired job=mirrorguard-expired instance=SQLA certificate=SQLW_cert",
                "MirrorguardPeerCertificateExpired job=mirrorguard-expired instance=SQLB certificate=SQLA_cert",
                "MirrorguardPeerCertificateExpired job=mirrorguard-expired instance=SQLB certificate=SQLW_cert",
                "MirrorguardPeerCertificateExpired job=mirrorguard-expired instance=SQLW certificate=SQLA_cert",
                "MirrorguardPeerCertificateExpired job=mirrorguard-expired instance=SQLW certificate=SQLB_cert"));
        // faults: SQLF1 (unreachable), SQLF2 (login failed) and SQLF4 (connection dropped) were never audited
        // successfully, and neither was SQLF5, which answers but hides its catalog (a catalog read only partly is
        // not a successful audit); SQLF3 (slow) and SQLOK are fine
        for (String instance : List.of("SQLF1", "SQLF2", "SQLF4", "SQLF5")) {
            expected.add("MirrorguardInstanceUnreachable job=mirrorguard-faults instance=" + instance);
            expected.add("MirrorguardInstanceAuditStale job=mirrorguard-faults instance=" + instance);
        }
        return expected;
    }

    /** Polls /api/v1/alerts from Prometheus' start until the expected alerts fire, recording each one's states. */
    private void recordAlertsUntilTheyFire() {
        Set<String> expected = expectedAlerts();
        Instant deadline = Instant.now().plus(WAIT);
        Map<String, String> current = alertStates();
        while (!firing(current).equals(expected) && Instant.now().isBefore(deadline)) {
            current.forEach((key, state) -> record(alertHistory, key, state));
            sleep();
            current = alertStates();
        }
        current.forEach((key, state) -> record(alertHistory, key, state));
    }


    /** Active alerts from /api/v1/alerts as "alertname job=.. instance=.. [peer=..] [certificate=..] [rule=..]". */
    private Map<String, String> alertStates() {
        JsonNode body = prometheus.get("/api/v1/alerts");
        assertThat(body.path("status").asText()).as(body.toString()).isEqualTo("success");
        Map<String, String> states = new TreeMap<>();
        for (JsonNode alert : body.path("data").path("alerts")) {
            states.put(key(alert.path("labels")), alert.path("state").asText());
        }
        return states;
    }

    private static String key(JsonNode labels) {
        StringBuilder key = new StringBuilder(labels.path("alertname").asText());
        for (String label : List.of("job", "instance", "peer", "certificate", "rule")) {
            if (labels.hasNonNull(label)) {
                key.append(' ').append(label).append('=').append(labels.get(label).asText());
            }
        }
        return key.toString();
    }

    private static Set<String> firing(Map<String, String> states) {
        Set<String> firing = new TreeSet<>();
        states.forEach((key, state) -> {
            if (state.equals("firing")) {
                firing.add(key);
            }
        });
        return firing;
    }

    private static void record(Map<String, List<String>> states, String key, String state) {
        List<String> seen = states.computeIfAbsent(key, k -> new ArrayList<>());
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
            seen.add(state);
        }
    }

    private PrometheusServer.Answer query(Dashboard dashboard, String title) {
        return query(dashboard, title, Dashboard.SAMPLE_VARIABLES);
    }

    /** Runs the one target of the panel with this title, with the variables substituted. */
    private PrometheusServer.Answer query(Dashboard dashboard, String title, Map<String, String> variables) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            if (panel.path("title").asText().equals(title)) {
                panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            }
        }
        assertThat(exprs).as(dashboard.file() + " panel \"" + title + "\"").hasSize(1);
        PrometheusServer.Answer answer = prometheus.query(Dashboard.substitute(exprs.get(0), variables));
        assertThat(answer.ok()).as(title + ": " + answer.error()).isTrue();
        return answer;
    }

    private static JsonNode find(PrometheusServer.Answer answer, Map<String, String> labels) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode series : answer.result()) {
            if (labels.entrySet().stream()
                    .allMatch(l -> l.getValue().equals(series.path("metric").path(l.getKey()).asText()))) {
                matches.add(series);
            }
        }
        assertThat(matches).as("series with " + labels + " in " + answer.result()).hasSize(1);
        return matches.get(0);
    }

    private static JsonNode single(PrometheusServer.Answer answer) {
        assertThat(answer.ok()).as(answer.error()).isTrue();
        assertThat(answer.result()).as(answer.result().toString()).hasSize(1);
        return answer.result().get(0);
    }

    private static Set<String> labelValues(PrometheusServer.Answer answer, String label) {
        Set<String> values = new LinkedHashSet<>();
        answer.result().forEach(series -> values.add(series.path("metric").path(label).asText()));
        return new TreeSet<>(values);
    }

    private static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").get(1).asText());
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
