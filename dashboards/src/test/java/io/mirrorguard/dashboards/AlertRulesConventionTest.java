package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Conventions promtool does not check: labels, annotations, runbooks, for: durations, recording rule names. */
class AlertRulesConventionTest {
    private static final String RUNBOOK_BASE = "https://github.com/mirrorguard/mirrorguard/blob/main/docs/rules/";
    private static final Pattern RUNBOOK = Pattern.compile(Pattern.quote(RUNBOOK_BASE) + "([a-z0-9-]+)\\.md");
    private static final Pattern LEVEL_METRIC_OPERATIONS = Pattern.compile("[a-z_]+:mirrorguard_[a-z_]+:[a-z_0-9]+");
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smh])");

    private final AlertRules rules = AlertRules.shipped();

    @Test
    void theRequiredAlertsExist() {
        assertThat(rules.alerts()).extracting(AlertRules.Rule::alert).contains(
                "MirrorguardEndpointCertificateExpiresIn30Days", "MirrorguardEndpointCertificateExpiresIn7Days",
                "MirrorguardEndpointCertificateExpired", "MirrorguardPeerCertificateExpired",
                "MirrorguardEndpointEncryptionNotRequired", "MirrorguardEndpointEncryptionNotAesOnly",
                "MirrorguardPeerTrustBroken", "MirrorguardEndpointConnectGrantedToPublic",
                "MirrorguardInstanceAuditStale", "MirrorguardInstanceUnreachable", "MirrorguardAgentDown");
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionAndRunbook() {
        for (AlertRules.Rule alert : rules.alerts()) {
            assertThat(alert.labels().get("severity")).as(alert.alert()).isIn("critical", "warning");
            assertThat(alert.annotations().get("summary")).as(alert.alert()).isNotBlank();
            String description = alert.annotations().get("description");
            if (alert.alert().equals("MirrorguardAgentDown")) {
                assertThat(description).as(alert.alert()).contains("$labels.instance");
            } else {
                assertThat(description).as(alert.alert()).contains("{{ $labels.instance }}");
            }
            if (alert.expr().contains("mirrorguard_peer_trust")) {
                assertThat(description).as(alert.alert()).contains("{{ $labels.peer }}");
            }
            assertThat(alert.annotations().get("runbook_url")).as(alert.alert())
                    .startsWith("https://github.com/mirrorguard/mirrorguard/blob/main/docs/");
        }
    }

    /** Flapping guard: every alert waits at least 5 minutes (one audit period) before firing. */
    @Test
    void everyAlertWaitsAtLeastOneAuditPeriod() {
        for (AlertRules.Rule alert : rules.alerts()) {
            assertThat(alert.forDuration()).as(alert.alert()).isNotNull();
            assertThat(parse(alert.forDuration())).as(alert.alert()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void recordingRulesFollowLevelMetricOperations() {
        assertThat(rules.recordings()).isNotEmpty();
        for (AlertRules.Rule rule : rules.recordings()) {
            assertThat(rule.record()).as(rule.expr()).matches(LEVEL_METRIC_OPERATIONS);
        }
    }

    /** The staleness constant documented in alerts.yml and docs/monitoring.md is the one the expression uses. */
    @Test
    void staleAfterIsThreeDefaultAuditPeriods() throws Exception {
        AlertRules.Rule stale = rules.alerts().stream()
                .filter(a -> a.alert().equals("MirrorguardInstanceAuditStale")).findFirst().orElseThrow();
        long staleAfter = 3 * Duration.ofMinutes(5).toSeconds();
        assertThat(stale.expr()).contains("> " + staleAfter);
        assertThat(Files.readString(ModuleFiles.alertRules())).contains("STALE_AFTER   = " + staleAfter + " s");
        Path doc = ModuleFiles.repoRoot().resolve("docs/monitoring.md");
        assertThat(Files.readString(doc)).contains("STALE_AFTER").contains(staleAfter + " s");
    }

    /** Runbook links must point at rule pages that exist, once the rule docs are in the repository. */
    @Test
    void runbooksNameExistingRuleDocs() {
        Path ruleDocs = ModuleFiles.repoRoot().resolve("docs/rules");
        Assumptions.assumeTrue(Files.isDirectory(ruleDocs), "docs/rules/ is not in this checkout yet");
        for (AlertRules.Rule alert : rules.alerts()) {
            Matcher m = RUNBOOK.matcher(alert.annotations().get("runbook_url"));
            if (m.matches()) {
                assertThat(ruleDocs.resolve(m.group(1) + ".md")).as(alert.alert()).isRegularFile();
            }
        }
    }

    @Test
    void runbookRuleIdsAreCatalogIds() {
        Set<String> catalog = Set.of("instance-audited", "endpoint-certificate-expiry-horizon",
                "endpoint-certificate-validity", "peer-certificate-installed", "endpoint-encryption-required",
                "endpoint-encryption-aes-only", "endpoint-connect-not-public");
        List<String> linked = rules.alerts().stream().map(a -> RUNBOOK.matcher(a.annotations().get("runbook_url")))
                .filter(Matcher::matches).map(m -> m.group(1)).distinct().toList();
        assertThat(linked).isNotEmpty().allMatch(catalog::contains);
    }

    private static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        assertThat(m.matches()).as("duration " + text).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
