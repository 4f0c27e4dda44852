package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.RuleDescriptor;
import java.util.List;

/** One call from an audit result to a rendered report, for the daemon's report endpoint and the CLI alike. */
public final class Reports {

    /** A rendered report with the media type to serve it as. */
    public record Rendered(ReportFormat format, String contentType, String body) {}

    private Reports() {}

    public static Rendered render(AuditResult result, List<RuleDescriptor> rules, ReportFormat format,
                                  ReportContext context) {
        AuditReport report = AuditReport.of(result, rules, context);
        return new Rendered(format, format.contentType(), format.renderer().render(report));
    }
}
