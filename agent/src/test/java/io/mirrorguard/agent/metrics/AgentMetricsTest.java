package io.mirrorguard.agent.metrics;

import io.mirrorguard.agent.config.MetricsConfig.RuleDetail;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.audit.PeerTrust;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.RequiredTools;
import io.mirrorguard.rules.engine.AppliedWaiver;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.FleetSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mirrorguard.agent.testing.Findings.fail;
import static io.mirrorguard.agent.testing.Findings.finding;
import static io.mirrorguard.agent.testing.Findings.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class AgentMetricsTest {
    // every rule's series, so passing rules' zeros can be asserted (the default, nonpass: MetricsExpositionTest)
    private final AgentMetrics metrics = new AgentMetrics("1.2.3", RuleDetail.ALL, "agent-a");

    @AfterEach
    void close() {
        metrics.close();
    }

    private static Evaluation twoInstances(List<Finding> findings, List<PeerTrust> trust) {
        var snapshot = new FleetSnapshot(1, Facts.NOW,
                List.of(Facts.instance("SQLA", "SQLB"), Facts.instance("SQLB", "SQLA")), List.of());
        return new Evaluation(Facts.NOW, snapshot, findings, trust, null);
    }

    private Scrape auditOnce() {
        metrics.registerInstances(List.of("SQLA", "SQLB"));
        metrics.recordCollection("SQLA", true, Duration.ofMillis(1500), Facts.NOW);
        metrics.recordCollection("SQLB", false, Duration.ofMillis(250), Facts.NOW);
        Finding waived = fail("cert-expiry", "SQLA").withWaiver(new AppliedWaiver("ticket 12", LocalDate.MAX, false));
        metrics.recordEvaluation(twoInstances(List.of(
                fail("endpoint-encryption", "SQLA"),
                pass("endpoint-encryption", "SQLB"),
                waived,
                finding("peer-trust", "SQLA", "SQLB", Outcome.FAIL, Severity.CRITICAL),
                finding("peer-trust", "SQLB", "SQLA", Outcome.ERROR, Severity.CRITICAL)),
                List.of(new PeerTrust("SQLA", "SQLB", false, List.of("login")),
                        new PeerTrust("SQLB", "SQLA", true, List.of()))));
        metrics.recordRemediation("SQLA", "endpoint-encryption", "dry_run", "success");
        metrics.recordSkipped("SQLB", "overrun", 2);
        return Scrape.parse(metrics.scrape());
    }

    private static double value(Scrape s, String name, Map<String, String> labels) {
        return s.samples(name).stream().filter(x -> x.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + labels + " in " + s.samples(name)))
                .value();
    }

    @Test
    void every_family_is_exported_with_its_exact_labels_and_a_description() {
        Scrape s = auditOnce();
        assertThat(s.mirrorguardFamilies()).containsExactlyInAnyOrderElementsOf(MetricFamilies.ALL);
        Map<String, List<String>> labels = Map.ofEntries(
                entry(MetricFamilies.INSTANCE_UP, List.of("instance")),
                entry(MetricFamilies.AUDIT_DURATION, List.of("instance")),
                entry(MetricFamilies.AUDIT_LAST_SUCCESS, List.of("instance")),
                // counters: what this agent did, so agents scraped together never export one label set twice
                entry(MetricFamilies.AUDITS_SKIPPED, List.of("agent", "instance", "reason")),
                entry(MetricFamilies.AUDITS, List.of("agent", "instance", "outcome")),
                entry(MetricFamilies.FINDINGS, List.of("instance", "severity")),
                entry(MetricFamilies.RULE_FAILURES, List.of("instance", "rule", "severity")),
                entry(MetricFamilies.RULE_CHECKS, List.of("instance", "rule", "outcome")),
                entry(MetricFamilies.CHECKS, List.of("instance", "outcome")),
                entry(MetricFamilies.PEER_TRUST, List.of("instance", "peer")),
                entry(MetricFamilies.CERTIFICATE_NOT_AFTER, List.of("instance", "certificate", "usage")),
                entry(MetricFamilies.CERTIFICATE_NOT_BEFORE, List.of("instance", "certificate", "usage")),
                entry(MetricFamilies.CERTIFICATE_INFO, List.of("instance", "certificate", "thumbprint", "subject",
                        "key_bits", "signature_algorithm")),
                entry(MetricFamilies.ENDPOINT_INFO, List.of("instance", "endpoint", "state", "role",
                        "authentication", "encryption", "algorithm", "port")),
                entry(MetricFamilies.BUILD_INFO, List.of("agent", "version")),
                entry(MetricFamilies.REMEDIATIONS, List.of("agent", "instance", "rule", "mode", "outcome")));
        labels.forEach((family, keys) -> {
            assertThat(s.families().get(family).help()).as(family + " help").isNotBlank();
            assertThat(s.samples(family)).as(family).isNotEmpty()
                    .allSatisfy(x -> assertThat(x.labels().keySet()).as(family).containsExactlyInAnyOrderElementsOf(keys));
        });
        assertThat(s.families().get(MetricFamilies.AUDITS).type()).isEqualTo("counter");
        assertThat(s.families().get(MetricFamilies.FINDINGS).type()).isEqualTo("gauge");
        assertThat(s.families()).containsKeys("jvm_memory_used_bytes", "process_cpu_usage", "process_uptime_seconds");
    }

    @Test
    void values_follow_the_audit() {
        Scrape s = auditOnce();
        assertThat(value(s, MetricFamilies.INSTANCE_UP, Map.of("instance", "SQLA"))).isEqualTo(1);
        assertThat(value(s, MetricFamilies.INSTANCE_UP, Map.of("instance", "SQLB"))).isEqualTo(0);
        assertThat(value(s, MetricFamilies.AUDIT_DURATION, Map.of("instance", "SQLA"))).isEqualTo(1.5);
        assertThat(value(s, MetricFamilies.AUDIT_LAST_SUCCESS, Map.of("instance", "SQLA")))
                .isEqualTo(Facts.NOW.getEpochSecond());
        assertThat(s.samples(MetricFamilies.AUDIT_LAST_SUCCESS)).extracting(x -> x.labels().get("instance"))
                .containsExactly("SQLA");
        assertThat(value(s, MetricFamilies.AUDITS, Map.of("agent", "agent-a", "instance", "SQLB", "outcome", "failure")))
                .isEqualTo(1);
        assertThat(value(s, MetricFamilies.AUDITS, Map.of("agent", "agent-a", "instance", "SQLB", "outcome", "success")))
                .isEqualTo(0);
        // unwaived FAILs only; every severity present
        assertThat(value(s, MetricFamilies.FINDINGS, Map.of("instance", "SQLA", "severity", "HIGH"))).isEqualTo(1);
        assertThat(value(s, MetricFamilies.FINDINGS, Map.of("instance", "SQLA", "severity", "CRITICAL"))).isEqualTo(1);
        assertThat(s.samples(MetricFamilies.FINDINGS)).hasSize(2 * Severity.values().length);
        assertThat(value(s, MetricFamilies.FINDINGS, Map.of("instance", "SQLB", "severity", "LOW"))).isEqualTo(0);
        assertThat(value(s, MetricFamilies.RULE_FAILURES,
                Map.of("instance", "SQLB", "rule", "endpoint-encryption", "severity", "HIGH"))).isEqualTo(0);
        assertThat(value(s, MetricFamilies.RULE_FAILURES,
                Map.of("instance", "SQLA", "rule", "cert-expiry", "severity", "HIGH"))).isEqualTo(0);
        assertThat(value(s, MetricFamilies.RULE_CHECKS,
                Map.of("instance", "SQLB", "rule", "peer-trust", "outcome", "ERROR"))).isEqualTo(1);
        // an outcome without findings has no series (the pass ratio sums over outcomes)
        assertThat(s.samples(MetricFamilies.RULE_CHECKS)).noneSatisfy(x -> assertThat(x.labels())
                .isEqualTo(Map.of("instance", "SQLB", "rule", "peer-trust", "outcome", "PASS")));
        assertThat(value(s, MetricFamilies.PEER_TRUST, Map.of("instance", "SQLA", "peer", "SQLB"))).isEqualTo(0);
        assertThat(value(s, MetricFamilies.PEER_TRUST, Map.of("instance", "SQLB", "peer", "SQLA"))).isEqualTo(1);
        long notAfter = Facts.NOW.plusSeconds(86_400L * 100).getEpochSecond();
        assertThat(value(s, MetricFamilies.CERTIFICATE_NOT_AFTER,
                Map.of("instance", "SQLA", "certificate", "SQLA_cert", "usage", "endpoint"))).isEqualTo(notAfter);
        assertThat(value(s, MetricFamilies.CERTIFICATE_NOT_AFTER,
                Map.of("instance", "SQLA", "certificate", "SQLB_cert_copy", "usage", "peer"))).isEqualTo(notAfter);
        assertThat(value(s, MetricFamilies.CERTIFICATE_INFO, Map.of("instance", "SQLA", "certificate", "SQLA_cert",
                "thumbprint", Facts.thumbprintOf("SQLA"), "subject", "CN=SQLA", "key_bits", "2048",
                "signature_algorithm", "SHA256withRSA"))).isEqualTo(1);
        assertThat(value(s, MetricFamilies.ENDPOINT_INFO, Map.of("instance", "SQLA", "endpoint", "Mirroring",
                "state", "STARTED", "role", "PARTNER", "authentication", "CERTIFICATE", "encryption", "REQUIRED",
                "algorithm", "AES", "port", "5022"))).isEqualTo(1);
        assertThat(value(s, MetricFamilies.BUILD_INFO, Map.of("version", "1.2.3", "agent", "agent-a"))).isEqualTo(1);
        assertThat(value(s, MetricFamilies.REMEDIATIONS, Map.of("agent", "agent-a", "instance", "SQLA",
                "rule", "endpoint-encryption", "mode", "dry_run", "outcome", "success"))).isEqualTo(1);
    }

    @Test
    void series_of_things_that_no_longer_exist_disappear() {
        auditOnce();
        var snapshot = new FleetSnapshot(1, Facts.NOW, List.of(Facts.instance("SQLA")), List.of());
        metrics.recordEvaluation(new Evaluation(Facts.NOW, snapshot, List.of(pass("endpoint-encryption", "SQLA")),
                List.of(), null));
        Scrape s = Scrape.parse(metrics.scrape());
        assertThat(s.samples(MetricFamilies.PEER_TRUST)).isEmpty();
        assertThat(s.samples(MetricFamilies.RULE_FAILURES)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry("rule", "endpoint-encryption"));
        assertThat(s.samples(MetricFamilies.CERTIFICATE_INFO)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry("certificate", "SQLA_cert"));
        assertThat(s.samples(MetricFamilies.FINDINGS)).allSatisfy(x -> {
            assertThat(x.labels()).containsEntry("instance", "SQLA");
            assertThat(x.value()).isZero();
        });
    }

    /** The rendered sample lines of each fleet family in a plain text scrape, by sample name. */
    private Map<String, byte[]> renderedFamilies() {
        Map<String, byte[]> out = new java.util.HashMap<>();
        List<byte[]> parts = metrics.body(null, false).parts();
        for (byte[] part : parts.subList(0, parts.size() - 1)) {
            String text = new String(part, StandardCharsets.UTF_8);
            if (!text.startsWith("#")) {
                out.put(text.substring(0, text.indexOf('{')), part);
            }
        }
        return out;
    }

    @Test
    void collecting_one_instance_renders_only_the_families_it_changed() {
        auditOnce();
        Map<String, byte[]> before = renderedFamilies();

        metrics.recordCollection("SQLA", false, Duration.ofMillis(700), Facts.NOW.plusSeconds(60));

        Map<String, byte[]> after = renderedFamilies();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        // every other family is served the very bytes rendered before (last success: a failure keeps it)
        assertThat(after.keySet().stream().filter(name -> after.get(name) != before.get(name)))
                .containsExactlyInAnyOrder(MetricFamilies.INSTANCE_UP, MetricFamilies.AUDIT_DURATION,
                        MetricFamilies.AUDITS);
        Scrape s = Scrape.parse(metrics.scrape());
        assertThat(value(s, MetricFamilies.INSTANCE_UP, Map.of("instance", "SQLA"))).isZero();
        assertThat(value(s, MetricFamilies.AUDIT_DURATION, Map.of("instance", "SQLA"))).isEqualTo(0.7);
        assertThat(value(s, MetricFamilies.AUDIT_LAST_SUCCESS, Map.of("instance", "SQLA")))
                .isEqualTo(Facts.NOW.toEpochMilli() / 1000.0);
        assertThat(value(s, MetricFamilies.AUDIT_DURATION, Map.of("instance", "SQLB"))).isEqualTo(0.25);
        assertThat(s.samples(MetricFamilies.AUDIT_LAST_SUCCESS))
                .noneSatisfy(x -> assertThat(x.labels()).containsEntry("instance", "SQLB"));
    }

    @Test
    void an_instance_no_longer_configured_loses_its_collection_series() {
        auditOnce();
        metrics.retainInstances(java.util.Set.of("SQLB"));
        Scrape s = Scrape.parse(metrics.scrape());
        assertThat(s.samples(MetricFamilies.INSTANCE_UP)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry("instance", "SQLB"));
        assertThat(s.samples(MetricFamilies.AUDIT_DURATION)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry("instance", "SQLB"));
        assertThat(s.samples(MetricFamilies.AUDIT_LAST_SUCCESS)).isEmpty();
    }

    @Test
    void a_new_evaluation_replaces_the_values_and_drops_what_is_gone() {
        auditOnce();
        Map<String, String> sqlaEncryption = Map.of("instance", "SQLA", "rule", "endpoint-encryption",
                "severity", "HIGH");
        assertThat(value(Scrape.parse(metrics.scrape()), MetricFamilies.RULE_FAILURES, sqlaEncryption)).isEqualTo(1);
        metrics.recordEvaluation(twoInstances(List.of(
                finding("endpoint-encryption", "SQLA", null, Outcome.PASS, Severity.HIGH),
                pass("endpoint-encryption", "SQLB")), List.of()));
        Scrape s = Scrape.parse(metrics.scrape());
        assertThat(value(s, MetricFamilies.RULE_FAILURES, sqlaEncryption)).isZero();
        assertThat(s.samples(MetricFamilies.RULE_FAILURES)).noneSatisfy(x ->
                assertThat(x.labels()).containsEntry("rule", "peer-trust"));
    }

    @Test
    void in_a_cluster_only_the_owned_instances_have_per_instance_gauges_from_the_shared_collections() {
        try (AgentMetrics agent = AgentMetrics.ofClusterAgent("1.2.3", RuleDetail.ALL, "agent-a")) {
            agent.registerInstances(List.of("SQLA", "SQLB"));
            // this agent's own collection of SQLB counts, but its gauges are the owner's (from the shared facts)
            agent.recordCollection("SQLB", false, Duration.ofMillis(250), Facts.NOW);
            assertThat(Scrape.parse(agent.scrape()).samples(MetricFamilies.INSTANCE_UP)).isEmpty();

            // SQLA is this agent's; another agent's collection of it is the newest, SQLB is another agent's
            java.time.Instant otherAgentsSuccess = Facts.NOW.minusSeconds(300);
            agent.recordEvaluation(twoInstances(List.of(fail("endpoint-encryption", "SQLA"),
                    fail("endpoint-encryption", "SQLB")),
                    List.of(new PeerTrust("SQLA", "SQLB", true, List.of()), new PeerTrust("SQLB", "SQLA", false,
                            List.of("login")))),
                    OwnedInstances.inCluster(java.util.Set.of("SQLA"), Map.of(
                            "SQLA", new SharedCollection(false, 0.04, otherAgentsSuccess),
                            "SQLB", new SharedCollection(true, 9, Facts.NOW))));
            Scrape s = Scrape.parse(agent.scrape());
            for (String family : List.of(MetricFamilies.INSTANCE_UP, MetricFamilies.AUDIT_DURATION,
                    MetricFamilies.AUDIT_LAST_SUCCESS, MetricFamilies.FINDINGS, MetricFamilies.RULE_FAILURES,
                    MetricFamilies.RULE_CHECKS, MetricFamilies.CHECKS, MetricFamilies.PEER_TRUST,
                    MetricFamilies.CERTIFICATE_NOT_AFTER, MetricFamilies.CERTIFICATE_NOT_BEFORE,
                    MetricFamilies.CERTIFICATE_INFO, MetricFamilies.ENDPOINT_INFO)) {
                assertThat(s.samples(family)).as(family).isNotEmpty()
                        .allSatisfy(x -> assertThat(x.labels()).as(family).containsEntry("instance", "SQLA"));
            }
            // the shared collection's values, not this agent's: it never collected SQLA
            assertThat(value(s, MetricFamilies.INSTANCE_UP, Map.of("instance", "SQLA"))).isZero();
            assertThat(value(s, MetricFamilies.AUDIT_DURATION, Map.of("instance", "SQLA"))).isEqualTo(0.04);
            assertThat(value(s, MetricFamilies.AUDIT_LAST_SUCCESS, Map.of("instance", "SQLA")))
                    .isEqualTo(otherAgentsSuccess.toEpochMilli() / 1000.0);
            // SQLA's copy of SQLB's certificate is still told apart from an unrelated certificate (SQLB is evaluated)
            assertThat(value(s, MetricFamilies.CERTIFICATE_NOT_AFTER,
                    Map.of("instance", "SQLA", "certificate", "SQLB_cert_copy", "usage", "peer"))).isPositive();
            // what this agent did stays counted, under its name
            assertThat(value(s, MetricFamilies.AUDITS,
                    Map.of("agent", "agent-a", "instance", "SQLB", "outcome", "failure"))).isEqualTo(1);

            // the assignment changes (an agent left): SQLB becomes this agent's, never collected by anyone yet
            agent.recordEvaluation(twoInstances(List.of(), List.of()),
                    OwnedInstances.inCluster(java.util.Set.of("SQLA", "SQLB"), Map.of(
                            "SQLA", new SharedCollection(true, 0.5, Facts.NOW))));
            s = Scrape.parse(agent.scrape());
            assertThat(value(s, MetricFamilies.INSTANCE_UP, Map.of("instance", "SQLA"))).isEqualTo(1);
            assertThat(value(s, MetricFamilies.AUDIT_LAST_SUCCESS, Map.of("instance", "SQLA")))
                    .isEqualTo(Facts.NOW.toEpochMilli() / 1000.0);
            assertThat(s.samples(MetricFamilies.INSTANCE_UP)).singleElement()
                    .satisfies(x -> assertThat(x.labels()).containsEntry("instance", "SQLA"));
            // and given away again: none of its gauges stay
            agent.recordEvaluation(twoInstances(List.of(), List.of()),
                    OwnedInstances.inCluster(java.util.Set.of(), Map.of()));
            s = Scrape.parse(agent.scrape());
            assertThat(s.samples(MetricFamilies.INSTANCE_UP)).isEmpty();
            assertThat(s.samples(MetricFamilies.AUDIT_LAST_SUCCESS)).isEmpty();
            assertThat(s.samples(MetricFamilies.AUDIT_DURATION)).isEmpty();
        }
    }

    @Test
    void a_scrape_sees_one_evaluation_whole_never_parts_of_two() throws Exception {
        auditOnce();
        Evaluation one = twoInstances(List.of(fail("endpoint-encryption", "SQLA")),
                List.of(new PeerTrust("SQLA", "SQLB", true, List.of())));
        Evaluation two = twoInstances(List.of(fail("endpoint-encryption", "SQLA"), fail("endpoint-encryption", "SQLA")),
                List.of(new PeerTrust("SQLA", "SQLB", false, List.of("login"))));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<String> mixed = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger scrapes = new java.util.concurrent.atomic.AtomicInteger();
        Thread scraper = new Thread(() -> {
            while (!done.get()) {
                Scrape s = Scrape.parse(metrics.scrape());
                double findings = value(s, MetricFamilies.FINDINGS, Map.of("instance", "SQLA", "severity", "HIGH"));
                double trust = value(s, MetricFamilies.PEER_TRUST, Map.of("instance", "SQLA", "peer", "SQLB"));
                // evaluation one: 1 finding, trust 1; evaluation two: 2 findings, trust 0
                if (findings + trust != 2) {
                    mixed.add(findings + " findings with trust " + trust);
                }
                scrapes.incrementAndGet();
            }
        });
        metrics.recordEvaluation(one);
        scraper.start();
        for (int i = 0; i < 300 || scrapes.get() < 50; i++) {
            metrics.recordEvaluation(i % 2 == 0 ? two : one);
        }
        done.set(true);
        scraper.join();
        assertThat(mixed).isEmpty();
    }

    @Test
    void openmetrics_is_served_when_asked_for() {
        auditOnce();
        String accept = "application/openmetrics-text; version=1.0.0,text/plain;q=0.5";
        assertThat(AgentMetrics.contentType(accept)).isEqualTo(AgentMetrics.CONTENT_TYPE_OPENMETRICS);
        assertThat(metrics.scrape(accept)).endsWith("# EOF\n").contains("# TYPE mirrorguard_build info");
        assertThat(AgentMetrics.contentType("text/plain")).isEqualTo(AgentMetrics.CONTENT_TYPE_TEXT);
        assertThat(AgentMetrics.contentType(null)).isEqualTo(AgentMetrics.CONTENT_TYPE_TEXT);
    }

    @Test
    void family_names_helper_lists_the_families_after_an_audit() {
        var snapshot = new FleetSnapshot(1, Facts.NOW,
                List.of(Facts.instance("SQLA", "SQLB"), Facts.instance("SQLB", "SQLA")), List.of());
        var names = AgentMetrics.familyNamesAfterAudit(snapshot, snap -> new Evaluation(Facts.NOW, snap,
                List.of(fail("x", "SQLA")), List.of(new PeerTrust("SQLA", "SQLB", true, List.of())), null));
        assertThat(names).containsExactlyInAnyOrderElementsOf(MetricFamilies.ALL);
    }

    @Test
    void promtool_accepts_a_real_scrape(@TempDir Path dir) throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/promtool")) || onPath("promtool");
        RequiredTools.require(present, "promtool (Debian package prometheus)");
        Path file = dir.resolve("scrape.txt");
        Files.writeString(file, auditOnce() == null ? "" : metrics.scrape(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("sh", "-c", "promtool check metrics < " + file).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("promtool lint output").isBlank();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_skip_after_a_scrape_shows_in_the_next_scrape() {
        auditOnce();
        Map<String, String> labels = Map.of("agent", "agent-a", "instance", "SQLB", "reason", "overrun");
        assertThat(value(Scrape.parse(metrics.scrape()), MetricFamilies.AUDITS_SKIPPED, labels)).isEqualTo(2.0);
        metrics.recordSkipped("SQLB", "overrun", 1);
        assertThat(value(Scrape.parse(metrics.scrape()), MetricFamilies.AUDITS_SKIPPED, labels)).isEqualTo(3.0);
    }
}
