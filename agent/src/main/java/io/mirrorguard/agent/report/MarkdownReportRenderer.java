package io.mirrorguard.agent.report;

import static io.mirrorguard.agent.report.Escapes.markdownCell;

import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.topology.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report's content as GitHub-flavoured Markdown, for pull requests, issues and job summaries: what to fix
 * first, then the trust matrix, then each instance's checklist in a collapsed details block.
 */
public final class MarkdownReportRenderer implements ReportRenderer {

    private final DocLinks docs;

    /** Links rule docs relative to the repository root (docs/rules/&lt;id&gt;.md). */
    public MarkdownReportRenderer() {
        this(DocLinks.repository(null));
    }

    public MarkdownReportRenderer(DocLinks docs) {
        this.docs = docs;
    }

    @Override
    public String render(AuditReport r) {
        StringBuilder b = new StringBuilder(8_192);
        b.append("# mirrorguard audit\n\n");
        b.append(markdownCell(r.toolName() + " " + r.toolVersion())).append(" · generated ")
                .append(markdownCell(r.generatedAt().toString()));
        if (r.snapshotTakenAt() != null) {
            b.append(" · facts taken ").append(markdownCell(r.snapshotTakenAt().toString()));
        }
        if (r.source() != null) {
            b.append(" · fleet ").append(markdownCell(r.source()));
        }
        b.append("\n\n");
        whatToFix(b, r);
        trust(b, r);
        links(b, r.links());
        b.append("## Summary\n\n");
        ReportSummary s = r.summary();
        b.append("| Instances | Audited | Pass | Fail | Error | Not applicable | Waived |");
        for (Severity v : Severity.values()) {
            b.append(' ').append(v.name()).append(" failing |");
        }
        b.append("\n|---|---|---|---|---|---|---|");
        b.append("---|".repeat(Severity.values().length));
        b.append("\n| ").append(s.instances()).append(" | ").append(s.audited()).append(" | ")
                .append(s.count(Outcome.PASS)).append(" | ").append(s.count(Outcome.FAIL)).append(" | ")
                .append(s.count(Outcome.ERROR)).append(" | ").append(s.count(Outcome.NOT_APPLICABLE)).append(" | ")
                .append(s.waived()).append(" |");
        for (Severity v : Severity.values()) {
            b.append(' ').append(s.failures(v)).append(" |");
        }
        b.append("\n\n## Full checklist\n\nOne collapsed section per instance.\n\n");
        for (InstanceReport i : r.instances()) {
            instance(b, i);
        }
        return b.toString();
    }

    private void whatToFix(StringBuilder b, AuditReport r) {
        b.append("## What to fix\n\n");
        boolean any = false;
        for (Severity v : Severity.values()) { // most severe first
            List<ReportFinding> fails = r.findings().stream()
                    .filter(f -> f.finding().failing() && f.finding().severity() == v).toList();
            if (fails.isEmpty()) {
                continue;
            }
            any = true;
            b.append("### ").append(v.name()).append(": ").append(fails.size()).append(" failing\n\n");
            for (ReportFinding rf : fails) {
                Finding f = rf.finding();
                b.append("- **").append(markdownCell(rf.title())).append("** on **").append(markdownCell(f.instance()))
                        .append("**");
                if (f.subject() != null && !f.subject().equals(f.instance())) {
                    b.append(" (").append(markdownCell(f.subject())).append(')');
                }
                if (f.message() != null && !f.message().isBlank()) {
                    b.append(": ").append(markdownCell(f.message()));
                }
                b.append("  \n  ");
                if (rf.rule() != null && rf.rule().remediation() != null && !rf.rule().remediation().isBlank()) {
                    b.append("Fix: ").append(markdownCell(rf.rule().remediation())).append(" · ");
                }
                b.append("[Why and how: ").append(markdownCell(f.ruleId())).append("](").append(url(docs.href(rf)))
                        .append(")\n");
            }
            b.append('\n');
        }
        if (!any) {
            b.append("Nothing: no unwaived FAIL.\n\n");
        }
    }

    /** A link target that cannot end the Markdown link early. */
    private static String url(String href) {
        return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E");
    }

    private static void trust(StringBuilder b, AuditReport r) {
        TrustMatrix m = TrustMatrix.of(r);
        b.append("## Trust between instances\n\n");
        if (m.isEmpty()) {
            b.append("No links were found or declared.\n\n");
            return;
        }
        b.append("Row L, column R: what L holds so that R can connect to it (L trusts R).\n\n| L \\\\ R |");
        m.names().forEach(n -> b.append(' ').append(markdownCell(n)).append(" |"));
        b.append("\n|---|").append("---|".repeat(m.names().size())).append('\n');
        for (String row : m.names()) {
            b.append("| **").append(markdownCell(row)).append("** |");
            for (String col : m.names()) {
                TrustStatus t = m.cell(row, col);
                b.append(' ');
                if (t != null) {
                    b.append(t.complete() ? "✔ complete" : "✘ missing: " + markdownCell(
                            String.join(", ", t.missing() == null ? List.of() : t.missing())));
                }
                b.append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private static void links(StringBuilder b, List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        b.append("### Links\n\n| A | B | Role | Found from |\n|---|---|---|---|\n");
        for (Link l : links) {
            b.append("| ").append(markdownCell(l.a())).append(" | ").append(markdownCell(l.b())).append(" | ")
                    .append(l.role() == null ? "" : l.role().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(markdownCell(l.sources() == null ? ""
                            : String.join(", ", l.sources().stream().sorted().toList())))
                    .append(" |\n");
        }
        b.append('\n');
    }

    private void instance(StringBuilder b, InstanceReport i) {
        b.append("<details><summary>").append(markdownCell(i.name())).append("</summary>\n\n");
        b.append(i.audited() ? "audited" : "**not audited**"
                + (i.unauditedReason() == null ? "" : ": " + markdownCell(i.unauditedReason())));
        b.append(" · ").append(i.count(Outcome.PASS)).append(" pass, ").append(i.count(Outcome.FAIL))
                .append(" fail, ").append(i.count(Outcome.ERROR)).append(" error, ")
                .append(i.count(Outcome.NOT_APPLICABLE)).append(" not applicable, ").append(i.waived())
                .append(" waived\n\n");
        for (ChecklistSection s : i.sections()) {
            b.append("### ").append(markdownCell(s.title())).append("\n\n");
            b.append("| | Check | Severity | Subject | Result |\n|---|---|---|---|---|\n");
            for (ReportFinding rf : s.items()) {
                row(b, rf);
            }
            b.append('\n');
        }
        b.append("</details>\n\n");
    }

    private void row(StringBuilder b, ReportFinding rf) {
        Finding f = rf.finding();
        b.append("| ").append(Marks.of(f, false)).append(" | ").append(markdownCell(rf.title())).append(' ')
                .append(code(f.ruleId())).append(" | ")
                .append(f.outcome() == Outcome.FAIL && f.severity() != null ? f.severity().name() : "")
                .append(" | ").append(markdownCell(f.subject())).append(" | ");
        List<String> parts = new ArrayList<>();
        if (f.message() != null && !f.message().isBlank()) {
            parts.add(markdownCell(f.message()));
        }
        if (f.outcome() == Outcome.FAIL && f.waiver() != null) {
            parts.add((f.waived() ? "waived: " : "waiver expired: ") + markdownCell(f.waiver().reason())
                    + (f.waiver().expires() == null ? "" : " (until " + f.waiver().expires() + ")"));
        }
        if (f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR) {
            Evidence e = f.evidence();
            if (e != null) {
                if (e.observed() != null) {
                    parts.add("observed: " + markdownCell(e.observed()));
                }
                if (e.expected() != null) {
                    parts.add("expected: " + markdownCell(e.expected()));
                }
                e.facts().forEach((k, v) -> parts.add(markdownCell(k) + ": " + markdownCell(v)));
            }
            if (rf.rule() != null && rf.rule().procedureStep() != null && !rf.rule().procedureStep().isBlank()) {
                parts.add("step: " + markdownCell(rf.rule().procedureStep()));
            }
            parts.add("fix: [" + markdownCell(rf.ruleId()) + "](" + url(docs.href(rf)) + ")");
        }
        b.append(String.join("<br>", parts)).append(" |\n");
    }

    private static String code(String s) {
        return s != null && s.matches("[A-Za-z0-9._-]+") ? "`" + s + "`" : markdownCell(s);
    }
}
