package io.mirrorguard.agent.daemon;

import io.mirrorguard.agent.http.ReportRenderer;
import io.mirrorguard.agent.report.FindingLifecycle;
import io.mirrorguard.agent.report.Fingerprint;
import io.mirrorguard.agent.report.ReportContext;
import io.mirrorguard.agent.report.ReportFormat;
import io.mirrorguard.agent.report.Reports;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.RuleDescriptor;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves /api/v1/reports/latest with the report package's renderers, with each finding's first/last seen from the
 * store.
 */
final class ConfiguredReports implements ReportRenderer {
    private final List<RuleDescriptor> rules;
    private final String version;
    private final AuditStore store;

    ConfiguredReports(List<RuleDescriptor> rules, String version, AuditStore store) {
        this.rules = List.copyOf(rules);
        this.version = version;
        this.store = store;
    }

    @Override
    public Optional<Rendered> render(Evaluation evaluation, String format) {
        if (!(evaluation.report() instanceof AuditResult result)) {
            return Optional.empty();
        }
        ReportFormat f;
        try {
            f = ReportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Map<String, FindingLifecycle> lifecycle = new HashMap<>();
        if (store != null) {
            store.lifecycles().forEach(l -> lifecycle.put(
                    Fingerprint.of(l.key().ruleId(), l.key().instance(),
                            l.key().peer().isEmpty() ? null : l.key().peer(), l.key().subject()),
                    new FindingLifecycle(l.firstSeen(), l.lastSeen())));
        }
        ReportContext context = new ReportContext(version, Instant.now(), "mirrorguard daemon", lifecycle);
        Reports.Rendered r = Reports.render(result, rules, f, context);
        return Optional.of(new Rendered(r.contentType(), r.body()));
    }
}
