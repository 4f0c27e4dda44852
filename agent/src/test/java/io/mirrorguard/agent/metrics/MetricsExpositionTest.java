package io.mirrorguard.agent.metrics;

import io.mirrorguard.agent.config.MetricsConfig.RuleDetail;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.FleetSnapshot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.mirrorguard.agent.testing.Findings.fail;
import static io.mirrorguard.agent.testing.Findings.finding;
import static io.mirrorguard.agent.testing.Findings.pass;
import static org.assertj.core.api.Assertions.assertThat;

/** The cached exposition: rendered once per change, gzip on request, and the series ruleDetail selects. */
class MetricsExpositionTest {

    private static Evaluation evaluation(List<Finding> findings) {
        var snapshot = new FleetSnapshot(1, Facts.NOW,
                List.of(Facts.instance("SQLA", "SQLB"), Facts.instance("SQLB", "SQLA")), List.of());
        return new Evaluation(Facts.NOW, snapshot, findings, List.of(), null);
    }

    private static List<Scrape.Sample> fleetSamples(String text) {
        return Scrape.parse(text).samples().stream().filter(s -> s.name().startsWith("mirrorguard_")).toList();
    }

    @Test
    void scrapes_between_changes_share_one_rendering_and_a_new_evaluation_replaces_it() {
        try (AgentMetrics metrics = new AgentMetrics("1")) {
            metrics.recordEvaluation(evaluation(List.of(fail("endpoint-encryption", "SQLA"))));
            byte[] first = findingsPart(metrics.body(null, false));
            assertThat(findingsPart(metrics.body(null, false))).isSameAs(first);
            assertThat(findingsPart(metrics.body("application/openmetrics-text", false)))
                    .as("the formats differ in their headers only: one rendering of the samples").isSameAs(first);

            metrics.recordEvaluation(evaluation(List.of(fail("endpoint-encryption", "SQLA"),
                    fail("endpoint-encryption", "SQLA"))));
            byte[] second = findingsPart(metrics.body(null, false));
            assertThat(second).isNotSameAs(first);
            assertThat(new String(first, StandardCharsets.UTF_8))
                    .contains("mirrorguard_findings{instance=\"SQLA\",severity=\"HIGH\"} 1");
            assertThat(new String(second, StandardCharsets.UTF_8))
                    .contains("mirrorguard_findings{instance=\"SQLA\",severity=\"HIGH\"} 2");
        }
    }

    private static byte[] findingsPart(MetricsBody body) {
        return body.parts().stream()
                .filter(p -> new String(p, StandardCharsets.UTF_8).startsWith(MetricFamilies.FINDINGS + "{"))
                .findFirst().orElseThrow();
    }

    @Test
    void a_collection_also_invalidates_the_rendering() {
        try (AgentMetrics metrics = new AgentMetrics("1")) {
            metrics.recordEvaluation(evaluation(List.of()));
            assertThat(metrics.scrape()).doesNotContain("mirrorguard_instance_up{instance=\"SQLA\"}");
            metrics.recordCollection("SQLA", true, Duration.ofMillis(10), Facts.NOW);
            assertThat(metrics.scrape()).contains("mirrorguard_instance_up{instance=\"SQLA\"} 1");
        }
    }

    @Test
    void the_process_families_are_fresh_at_every_scrape_and_openmetrics_ends_once() {
        try (AgentMetrics metrics = new AgentMetrics("1")) {
            metrics.recordEvaluation(evaluation(List.of(fail("endpoint-encryption", "SQLA"))));
            String om = metrics.scrape("application/openmetrics-text; version=1.0.0");
            assertThat(om).endsWith("# EOF\n");
            assertThat(om.indexOf("# EOF")).isEqualTo(om.length() - "# EOF\n".length());
            assertThat(Scrape.parse(metrics.scrape()).families()).containsKeys("process_uptime_seconds",
                    MetricFamilies.BUILD_INFO, MetricFamilies.FINDINGS);
        }
    }

    @Test
    void gzip_round_trips_to_the_same_series() throws Exception {
        try (AgentMetrics metrics = new AgentMetrics("1")) {
            metrics.recordCollection("SQLA", true, Duration.ofMillis(10), Facts.NOW);
            metrics.recordEvaluation(evaluation(List.of(fail("endpoint-encryption", "SQLA"),
                    pass("endpoint-encryption", "SQLB"))));
            for (String accept : new String[] {null, "application/openmetrics-text; version=1.0.0"}) {
                MetricsBody zipped = metrics.body(accept, true);
                assertThat(zipped.gzip()).isTrue();
                byte[] wire = zipped.stream().readAllBytes();
                assertThat((long) wire.length).isEqualTo(zipped.length());
                String unzipped;
                try (var in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
                    unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String plain = metrics.scrape(accept);
                assertThat(fleetSamples(unzipped)).isNotEmpty().isEqualTo(fleetSamples(plain));
                assertThat(unzipped.contains("# EOF")).isEqualTo(accept != null);
            }
        }
    }

    @Test
    void the_plain_body_length_is_what_the_stream_yields() throws Exception {
        try (AgentMetrics metrics = new AgentMetrics("1")) {
            metrics.recordEvaluation(evaluation(List.of(fail("endpoint-encryption", "SQLA"))));
            MetricsBody body = metrics.body(null, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.stream().transferTo(out);
            assertThat((long) out.size()).isEqualTo(body.length());
        }
    }

    @Test
    void accept_encoding_is_read_with_its_weights() {
        assertThat(MetricsBody.acceptsGzip("gzip")).isTrue();
        assertThat(MetricsBody.acceptsGzip("br, GZIP;q=0.5")).isTrue();
        assertThat(MetricsBody.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(MetricsBody.acceptsGzip("identity")).isFalse();
        assertThat(MetricsBody.acceptsGzip(null)).isFalse();
    }

    private static final List<Finding> MIXED = List.of(
            pass("endpoint-encryption", "SQLA"),
            pass("endpoint-started", "SQLA"),
            fail("endpoint-connect-not-public", "SQLA"),
            finding("ag-seeding-permitted", "SQLA", null, Outcome.NOT_APPLICABLE, Severity.MEDIUM),
            pass("endpoint-encryption", "SQLB"),
            finding("peer-trust", "SQLB", "SQLA", Outcome.ERROR, Severity.CRITICAL),
            pass("peer-trust", "SQLB"));

    @Test
    void nonpass_keeps_per_rule_series_only_for_rules_with_a_finding_that_is_not_pass() {
        try (AgentMetrics metrics = new AgentMetrics("1", RuleDetail.NONPASS)) {
            metrics.recordEvaluation(evaluation(MIXED));
            Scrape s = Scrape.parse(metrics.scrape());
            assertThat(s.samples(MetricFamilies.RULE_FAILURES)).extracting(x -> x.labels().get("instance") + "/"
                    + x.labels().get("rule")).containsExactlyInAnyOrder("SQLA/endpoint-connect-not-public",
                    "SQLA/ag-seeding-permitted", "SQLB/peer-trust");
            assertThat(s.samples(MetricFamilies.RULE_CHECKS)).extracting(x -> x.labels().get("rule") + "/"
                    + x.labels().get("outcome")).containsExactlyInAnyOrder("endpoint-connect-not-public/FAIL",
                    "ag-seeding-permitted/NOT_APPLICABLE", "peer-trust/ERROR", "peer-trust/PASS");
            // the pass ratio's inputs are all there, per instance
            assertThat(checks(s)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "SQLA/PASS", 2.0, "SQLA/FAIL", 1.0, "SQLA/NOT_APPLICABLE", 1.0, "SQLB/PASS", 2.0, "SQLB/ERROR", 1.0));
        }
    }

    @Test
    void all_keeps_per_rule_series_for_every_rule() {
        try (AgentMetrics metrics = new AgentMetrics("1", RuleDetail.ALL)) {
            metrics.recordEvaluation(evaluation(MIXED));
            Scrape s = Scrape.parse(metrics.scrape());
            assertThat(s.samples(MetricFamilies.RULE_FAILURES)).hasSize(6)
                    .filteredOn(x -> x.labels().get("rule").equals("endpoint-started"))
                    .singleElement().satisfies(x -> assertThat(x.value()).isZero());
            assertThat(s.samples(MetricFamilies.RULE_CHECKS)).hasSize(7);
            assertThat(checks(s)).containsEntry("SQLA/PASS", 2.0);
        }
    }

    @Test
    void a_rule_that_starts_passing_loses_its_series_under_nonpass() {
        try (AgentMetrics metrics = new AgentMetrics("1")) {
            metrics.recordEvaluation(evaluation(List.of(fail("endpoint-started", "SQLA"))));
            assertThat(Scrape.parse(metrics.scrape()).samples(MetricFamilies.RULE_FAILURES)).hasSize(1);
            metrics.recordEvaluation(evaluation(List.of(pass("endpoint-started", "SQLA"))));
            Scrape s = Scrape.parse(metrics.scrape());
            assertThat(s.samples(MetricFamilies.RULE_FAILURES)).isEmpty();
            assertThat(checks(s)).containsExactly(Map.entry("SQLA/PASS", 1.0));
        }
    }

    private static Map<String, Double> checks(Scrape s) {
        return s.samples(MetricFamilies.CHECKS).stream().collect(java.util.stream.Collectors.toMap(
                x -> x.labels().get("instance") + "/" + x.labels().get("outcome"), Scrape.Sample::value));
    }
}
