package io.mirrorguard.agent.http;

import io.mirrorguard.agent.daemon.AuditService;
import io.mirrorguard.agent.audit.Evaluation;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.ReportContext;
import io.mirrorguard.agent.store.FindingLifecycle;
import io.mirrorguard.rules.engine.RuleDescriptor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's one path from its latest evaluation to an {@link AuditReport}, with each finding's history from the
 * store: /api/v1/reports/latest renders it in any format and the console shows it.
 */
public final class LatestReport {
    static final String SOURCE = "mirrorguard daemon";

    private final List<RuleDescriptor> rules;
    private final String version;

    public LatestReport(List<RuleDescriptor> rules, String version) {
        this.rules = List.copyOf(rules);
        this.version = version;
    }

    /** Empty until an audit completed, or when the evaluator produced no engine result to report on. */
    public Optional<AuditReport> of(AuditService audits) {
        Optional<Evaluation> latest = audits.latest();
        if (latest.isEmpty() || latest.get().result() == null) {
            return Optional.empty();
        }
        List<FindingLifecycle> history = audits.store().map(s -> s.lifecycles()).orElse(List.of());
        ReportContext context = new ReportContext(version, Instant.now(), SOURCE, null).withLifecycle(history);
        return Optional.of(AuditReport.of(latest.get().result(), rules, context));
    }
}
