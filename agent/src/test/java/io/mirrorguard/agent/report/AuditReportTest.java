package io.mirrorguard.agent.report;

import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.catalog.EndpointStarted;
import io.mirrorguard.rules.catalog.MasterKeyPresent;
import io.mirrorguard.rules.catalog.PeerCertificateInstalled;
import static io.mirrorguard.agent.report.ReportFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.store.FindingKey;
import io.mirrorguard.agent.store.FindingLifecycle;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditReportTest {

    private final AuditReport report = ReportFixtures.report();

    private InstanceReport instance(String name) {
        return report.instances().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void groups_an_instance_into_the_procedure_sections_in_order() {
        assertThat(instance("SQLA").sections()).extracting(ChecklistSection::title)
                .containsExactly("Outbound", "Inbound from SQLB", "Security", "Collection");
        assertThat(instance("SQLW").sections()).extracting(ChecklistSection::title)
                .containsExactly("Witness", "Other");
    }

    @Test
    void orders_outbound_steps_like_the_procedure_not_like_the_engine() {
        ChecklistSection outbound = instance("SQLA").sections().get(0);
        assertThat(outbound.items()).extracting(ReportFinding::ruleId)
                .containsExactly(MasterKeyPresent.ID, EndpointStarted.ID, EndpointCertificateBackedUp.ID);
    }

    @Test
    void keeps_every_finding_exactly_once() {
        assertThat(report.findings()).hasSize(ReportFixtures.findings().size());
        int inSections = report.instances().stream()
                .mapToInt(i -> i.sections().stream().mapToInt(s -> s.items().size()).sum()).sum();
        assertThat(inSections).isEqualTo(ReportFixtures.findings().size());
    }

    @Test
    void counts_waived_and_expired_waivers_apart_from_failures() {
        ReportSummary s = report.summary();
        assertThat(s.instances()).isEqualTo(4);
        assertThat(s.audited()).isEqualTo(3);
        assertThat(s.count(Outcome.FAIL)).isEqualTo(6);
        assertThat(s.waived()).isEqualTo(1);
        assertThat(s.expiredWaivers()).isEqualTo(1);
        // the waived CRITICAL does not count; the expired-waiver LOW does
        assertThat(s.failures()).isEqualTo(Map.of(Severity.CRITICAL, 2, Severity.HIGH, 1, Severity.LOW, 2));
        assertThat(s.trustComplete()).isEqualTo(3);
        assertThat(s.trustIncomplete()).isEqualTo(1);
    }

    @Test
    void fail_threshold_counts_only_unwaived_fails_at_or_above_it() {
        assertThat(report.failingAtOrAbove(Severity.CRITICAL)).isEqualTo(2);
        assertThat(report.failingAtOrAbove(Severity.HIGH)).isEqualTo(3);
        assertThat(report.failingAtOrAbove(Severity.INFO)).isEqualTo(5);
    }

    @Test
    void marks_the_unreachable_instance_as_not_audited_with_its_reason() {
        InstanceReport hostile = instance(HOSTILE);
        assertThat(hostile.audited()).isFalse();
        assertThat(hostile.unauditedReason()).isEqualTo("UNREACHABLE: connection refused");
        assertThat(instance("SQLA").audited()).isTrue();
    }

    @Test
    void fingerprint_identifies_what_was_checked_not_how_it_turned_out() {
        Finding fail = ReportFixtures.finding(PeerCertificateInstalled.ID, "SQLB", "SQLA", "SQLB<-SQLA",
                Outcome.FAIL, Severity.CRITICAL, "missing");
        Finding pass = ReportFixtures.finding(PeerCertificateInstalled.ID, "SQLB", "SQLA", "SQLB<-SQLA",
                Outcome.PASS, Severity.CRITICAL, "installed");
        Finding otherPeer = ReportFixtures.finding(PeerCertificateInstalled.ID, "SQLB", "SQLW", "SQLB<-SQLA",
                Outcome.FAIL, Severity.CRITICAL, "missing");
        assertThat(Fingerprint.of(fail)).isEqualTo(Fingerprint.of(pass)).hasSize(32);
        assertThat(Fingerprint.of(fail)).isNotEqualTo(Fingerprint.of(otherPeer));
        // the separator keeps "a|b" + "c" apart from "a" + "b|c"
        assertThat(Fingerprint.of("r", "a|b", null, "c")).isNotEqualTo(Fingerprint.of("r", "a", null, "b|c"));
    }

    @Test
    void attaches_lifecycle_from_the_store_by_fingerprint() {
        ReportFinding first = report.findings().get(0);
        FindingLifecycle life = new FindingLifecycle(FindingKey.of(first.finding()), "HIGH", "m",
                Instant.parse("2026-11-01T00:00:00Z"), ReportFixtures.AT, null);
        AuditReport withHistory = AuditReport.of(ReportFixtures.result(), ReportFixtures.rules(),
                ReportContext.of("1").withLifecycle(List.of(life)));
        assertThat(withHistory.findings()).filteredOn(f -> f.fingerprint().equals(first.fingerprint()))
                .extracting(ReportFinding::lifecycle).containsExactly(life);
        assertThat(withHistory.findings()).filteredOn(f -> f.lifecycle() != null).hasSize(1);
    }

    @Test
    void a_finding_without_descriptor_keeps_its_id_as_title() {
        ReportFinding unknown = report.findings().stream().filter(f -> f.ruleId().equals("unknown-rule"))
                .findFirst().orElseThrow();
        assertThat(unknown.rule()).isNull();
        assertThat(unknown.title()).isEqualTo("unknown-rule");
        assertThat(unknown.docPath()).isEqualTo("docs/rules/unknown-rule.md");
    }

    @Test
    void every_format_parses_by_its_user_facing_name() {
        assertThat(List.of("json", "TEXT", "sarif", "junit", "html", "md", "markdown"))
                .extracting(ReportFormat::parse)
                .containsExactly(ReportFormat.JSON, ReportFormat.TEXT, ReportFormat.SARIF, ReportFormat.JUNIT,
                        ReportFormat.HTML, ReportFormat.MD, ReportFormat.MD);
    }
}
