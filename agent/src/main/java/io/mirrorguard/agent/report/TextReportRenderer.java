package io.mirrorguard.agent.report;

import static io.mirrorguard.agent.report.Escapes.text;

import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.topology.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * A checklist a DBA can walk: per instance, the procedure's steps with a mark each, and for every FAIL or ERROR what
 * was observed against what was expected.
 */
public final class TextReportRenderer implements ReportRenderer {

    private final boolean ascii;

    /** @param ascii marks and separators in plain ASCII (+ x - !) instead of ✔ ✘ – ! */
    public TextReportRenderer(boolean ascii) {
        this.ascii = ascii;
    }

    @Override
    public String render(AuditReport r) {
        StringBuilder out = new StringBuilder();
        String dash = ascii ? "-" : "\u2014";
        out.append(r.toolName()).append(' ').append(text(r.toolVersion())).append(" audit ").append(dash).append(' ')
                .append(r.generatedAt());
        if (r.snapshotTakenAt() != null) {
            out.append(" (facts taken ").append(r.snapshotTakenAt()).append(')');
        }
        out.append('\n');
        if (r.source() != null) {
            out.append("Fleet: ").append(text(r.source())).append('\n');
        }
        out.append(summaryLine(r.summary())).append("\n");
        out.append("Legend: ").append(Marks.of(Outcome.PASS, ascii)).append(" pass  ")
                .append(Marks.of(Outcome.FAIL, ascii)).append(" fail  ")
                .append(Marks.of(Outcome.NOT_APPLICABLE, ascii)).append(" not applicable  ")
                .append(Marks.of(Outcome.ERROR, ascii)).append(" could not check\n");

        for (InstanceReport i : r.instances()) {
            out.append('\n').append("== ").append(text(i.name())).append(' ')
                    .append(i.audited() ? "(audited)" : "(NOT AUDITED" + (i.unauditedReason() == null ? ""
                            : ": " + text(i.unauditedReason())) + ")")
                    .append(" ==\n");
            for (ChecklistSection s : i.sections()) {
                out.append("  ").append(text(s.title())).append('\n');
                for (ReportFinding rf : s.items()) {
                    item(out, rf);
                }
            }
        }

        if (!r.trust().isEmpty()) {
            out.append("\nTrust (L <- R: what L holds so that R can connect)\n");
            for (TrustStatus t : r.trust()) {
                out.append("  ").append(Marks.of(t.complete() ? Outcome.PASS : Outcome.FAIL, ascii)).append(' ')
                        .append(text(t.instance())).append(" <- ").append(text(t.peer()));
                if (!t.complete()) {
                    out.append("  missing: ").append(text(String.join(", ", t.missing() == null ? List.of()
                            : t.missing())));
                }
                out.append('\n');
            }
        }
        if (!r.links().isEmpty()) {
            out.append("\nLinks\n");
            for (Link l : r.links()) {
                out.append("  ").append(text(l.a())).append(ascii ? " <-> " : " \u2194 ").append(text(l.b()))
                        .append("  ").append(l.role() == null ? "" : l.role().name().toLowerCase())
                        .append(l.sources() == null || l.sources().isEmpty() ? ""
                                : " (from " + text(String.join(", ", l.sources().stream().sorted().toList())) + ")")
                        .append('\n');
            }
        }
        return out.toString();
    }

    private void item(StringBuilder out, ReportFinding rf) {
        Finding f = rf.finding();
        out.append("    ").append(Marks.of(f, ascii)).append(' ').append(text(rf.title()));
        if (f.outcome() == Outcome.FAIL && f.severity() != null) {
            out.append(" [").append(f.severity().name()).append(']');
        }
        out.append("  (").append(text(f.ruleId()));
        if (f.subject() != null && !f.subject().equals(f.instance())) {
            out.append(" @ ").append(text(f.subject()));
        }
        out.append(")\n");
        if (f.message() != null && !f.message().isBlank()) {
            out.append("        ").append(text(f.message())).append('\n');
        }
        if (f.waiver() != null && f.outcome() == Outcome.FAIL) {
            out.append("        ").append(f.waived() ? "WAIVED" : "waiver EXPIRED").append(": ")
                    .append(text(f.waiver().reason()))
                    .append(f.waiver().expires() == null ? "" : " (until " + f.waiver().expires() + ")").append('\n');
        }
        if (f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR) {
            evidence(out, f.evidence());
            if (rf.rule() != null && rf.rule().procedureStep() != null && !rf.rule().procedureStep().isBlank()) {
                out.append("        step: ").append(text(rf.rule().procedureStep())).append('\n');
            }
            out.append("        fix: ").append(text(rf.docPath())).append('\n');
        }
    }

    private static void evidence(StringBuilder out, Evidence e) {
        if (e == null) {
            return;
        }
        if (e.observed() != null) {
            out.append("        observed: ").append(text(e.observed())).append('\n');
        }
        if (e.expected() != null) {
            out.append("        expected: ").append(text(e.expected())).append('\n');
        }
        e.facts().forEach((k, v) -> out.append("        ").append(text(k)).append(": ").append(text(v)).append('\n'));
    }

    public static String summaryLine(ReportSummary s) {
        List<String> sev = new ArrayList<>();
        for (Severity v : Severity.values()) {
            if (s.failures(v) > 0) {
                sev.add(s.failures(v) + " " + v.name());
            }
        }
        return s.instances() + " instance(s), " + s.audited() + " audited; "
                + s.count(Outcome.PASS) + " pass, "
                + s.count(Outcome.FAIL) + " fail" + (sev.isEmpty() ? "" : " (" + String.join(", ", sev) + " unwaived)")
                + ", " + s.count(Outcome.ERROR) + " error, "
                + s.count(Outcome.NOT_APPLICABLE) + " not applicable, "
                + s.waived() + " waived";
    }
}
