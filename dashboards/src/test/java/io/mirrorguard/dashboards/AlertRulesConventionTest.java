package io.mirrorguard.dashboards;

import io.mirrorguard.rules.catalog.BuiltInRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import org.junit.jupiter.api.Test;

/** Conventions promtool does not check: labels, annotations, runbooks, for: durations, recording rule names. */
class AlertRulesConventionTest {
    private static final String DOCS_BASE = "https://github.com/mirrorguard/mirrorguard/blob/main/docs/";
    private static final String RUNBOOK_BASE = DOCS_BASE + "rules/";
    private static final String RULE_TEMPLATE = "{{ $labels.rule }}";
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.+)");
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
                "MirrorguardInstanceAuditStale", "MirrorguardInstanceUnreachable", "MirrorguardAgentDown",
                "MirrorguardCriticalRuleFailing", "MirrorguardRuleFailing");
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

    /**
     * Every runbook link names a page of this repository that exists (docs/rules/<rule-id>.md, or a heading of
     * another docs page), so a sed of the base URL keeps them all working.
     */
    @Test
    void runbooksNameExistingDocs() throws Exception {
        Path docs = ModuleFiles.repoRoot().resolve("docs");
        assertThat(docs.resolve("rules")).isDirectory();
        for (AlertRules.Rule alert : rules.alerts()) {
            String url = alert.annotations().get("runbook_url");
            assertThat(url).as(alert.alert()).startsWith(DOCS_BASE);
            if (url.contains(RULE_TEMPLATE)) {
                // the rule label can be any catalog rule: each needs its page
                for (String id : catalogIds()) {
                    assertThat(docs.resolve(url.substring(DOCS_BASE.length()).replace(RULE_TEMPLATE, id)))
                            .as(alert.alert() + " runbook for rule " + id).isRegularFile();
                }
                continue;
            }
            String[] pathAndAnchor = url.substring(DOCS_BASE.length()).split("#", 2);
            Path page = docs.resolve(pathAndAnchor[0]);
            assertThat(page).as(alert.alert() + " runbook " + url).isRegularFile();
            if (pathAndAnchor.length == 2) {
                assertThat(headingAnchors(Files.readString(page))).as(alert.alert() + " runbook " + url)
                        .contains(pathAndAnchor[1]);
            }
        }
    }

    /** Runbooks under docs/rules/ are named by rule ids of the agent's rule engine. */
    @Test
    void runbookRuleIdsAreCatalogIds() {
        Set<String> catalog = catalogIds();
        List<String> linked = rules.alerts().stream().map(a -> RUNBOOK.matcher(a.annotations().get("runbook_url")))
                .filter(Matcher::matches).map(m -> m.group(1)).distinct().toList();
        assertThat(linked).hasSizeGreaterThan(5).allMatch(catalog::contains);
    }

    /** Rule ids the alerts select on (rule="...") are catalog ids. */
    @Test
    void selectedRuleIdsAreCatalogIds() {
        Set<String> catalog = catalogIds();
        List<String> selected = rules.rules().stream().flatMap(r -> PromqlSelectors.expectedValues(r.expr()).stream())
                .filter(e -> e.label().equals("rule")).map(PromqlSelectors.Expectation::value).distinct().toList();
        assertThat(selected).hasSizeGreaterThan(3).allMatch(catalog::contains);
    }

    private static Set<String> catalogIds() {
        return BuiltInRules.engine().descriptors().stream().map(RuleDescriptor::id).collect(Collectors.toSet());
    }

    /** The two catch-all alerts leave out the same rules, and those are catalog rules. */
    @Test
    void catchAllAlertsLeaveOutTheSameCatalogRules() {
        Pattern covered = Pattern.compile("rule!~\"([^\"]+)\"");
        List<Set<String>> leftOut = rules.alerts().stream()
                .filter(a -> a.alert().equals("MirrorguardCriticalRuleFailing")
                        || a.alert().equals("MirrorguardRuleFailing"))
                .map(a -> {
                    Matcher m = covered.matcher(a.expr());
                    assertThat(m.find()).as(a.alert() + " leaves out covered rules").isTrue();
                    return Set.of(m.group(1).split("\\|"));
                }).toList();
        assertThat(leftOut).hasSize(2);
        assertThat(leftOut.get(0)).isEqualTo(leftOut.get(1))
                .contains("instance-audited", "endpoint-connect-not-public");
        assertThat(catalogIds()).containsAll(leftOut.get(0));
    }

    /** GitHub's anchors of a markdown page's headings: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new java.util.HashSet<>();
        for (String line : markdown.split("\n")) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                anchors.add(m.group(1).strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
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
