package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.topology.Link;
import java.time.Instant;
import java.util.List;

/**
 * The one report object every format is rendered from, so JSON, SARIF, JUnit, text, HTML and Markdown of one audit
 * always agree.
 *
 * @param source   the config file the fleet was collected from, as the user named it; null for a snapshot
 * @param findings every finding, ordered instance by instance along the checklist
 * @param rules    every registered rule, catalog order
 */
public record AuditReport(
        int schemaVersion,
        Instant generatedAt,
        Instant snapshotTakenAt,
        String toolName,
        String toolVersion,
        String source,
        ReportSummary summary,
        List<InstanceReport> instances,
        List<ReportFinding> findings,
        List<TrustStatus> trust,
        List<Link> links,
        List<RuleDescriptor> rules) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TOOL_NAME = "mirrorguard";

    public AuditReport {
        instances = List.copyOf(instances);
        findings = List.copyOf(findings);
        trust = List.copyOf(trust);
        links = List.copyOf(links);
        rules = List.copyOf(rules);
    }

    public static AuditReport of(AuditResult result, List<RuleDescriptor> rules, ReportContext context) {
        return ReportAssembler.assemble(result, rules, context);
    }

    /**
     * What makes `audit` exit 1: unwaived FAILs at or above the threshold, plus the ERRORs of rules that threw (at the rule's severity): a rule
     * that crashed could not say whether it fails, so a CI gate must not pass silently over it.
     */
    public long failingAtOrAbove(Severity threshold) {
        return findings.stream()
                .map(ReportFinding::finding)
                .filter(f -> f.failing() || RuleEngine.ruleFailure(f))
                .filter(f -> f.severity() != null && f.severity().atLeast(threshold))
                .count();
    }
}
