package io.mirrorguard.agent.report;

/** Turns the report into one format. Renderers are stateless; options are fixed at construction. */
@FunctionalInterface
public interface ReportRenderer {
    String render(AuditReport report);
}
