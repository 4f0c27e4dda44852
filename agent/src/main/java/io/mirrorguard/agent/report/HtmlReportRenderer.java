package io.mirrorguard.agent.report;

import static io.mirrorguard.agent.report.Escapes.html;

import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.topology.Link;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained page (inline CSS, no scripts, no external assets) to mail or archive: the fleet's trust matrix
 * and links, then per instance the procedure's checklist with evidence. Every value is HTML-escaped.
 */
public final class HtmlReportRenderer implements ReportRenderer {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1f23;max-width:72rem}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
            h3{font-size:1.05rem;margin:1rem 0 .3rem}.meta{color:#57606a;font-size:.9rem}
            table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}ul.checklist{list-style:none;padding-left:0;margin:0}
            ul.checklist li{padding:.3rem .4rem;border-bottom:1px solid #eee}
            .mark{display:inline-block;width:1.4rem;font-weight:bold}.PASS .mark{color:#1a7f37}.FAIL .mark{color:#cf222e}
            .ERROR .mark{color:#bf8700}.NOT_APPLICABLE .mark{color:#8c959f}.waived .mark{color:#8c959f}
            .sev{font-size:.75rem;padding:0 .35rem;border-radius:.6rem;color:#fff;background:#57606a;margin-left:.3rem}
            .sev.CRITICAL{background:#a40e26}.sev.HIGH{background:#cf222e}.sev.MEDIUM{background:#bf8700}.sev.LOW{background:#0969da}
            code{font-size:.85rem;background:#f6f8fa;padding:0 .2rem}.msg{margin:.15rem 0 0 1.8rem}
            dl.evidence{margin:.3rem 0 0 1.8rem;display:grid;grid-template-columns:max-content auto;gap:.1rem .8rem;font-size:.9rem}
            dl.evidence dt{color:#57606a}dl.evidence dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
            td.ok{background:#dafbe1}td.bad{background:#ffebe9}td.none{color:#8c959f}
            .notaudited{color:#cf222e;font-weight:bold}
            """;

    @Override
    public String render(AuditReport r) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>mirrorguard audit ").append(html(r.generatedAt().toString())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>mirrorguard audit</h1>\n<p class=\"meta\">").append(html(r.toolName())).append(' ')
                .append(html(r.toolVersion())).append(" &middot; generated ").append(html(r.generatedAt().toString()));
        if (r.snapshotTakenAt() != null) {
            b.append(" &middot; facts taken ").append(html(r.snapshotTakenAt().toString()));
        }
        if (r.source() != null) {
            b.append(" &middot; fleet <code>").append(html(r.source())).append("</code>");
        }
        b.append("</p>\n");
        summary(b, r);
        trust(b, r);
        links(b, r.links());
        for (InstanceReport i : r.instances()) {
            instance(b, i);
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, AuditReport r) {
        ReportSummary s = r.summary();
        b.append("<table class=\"summary\">\n<tr><th>Instances</th><th>Audited</th><th>Pass</th><th>Fail</th>")
                .append("<th>Error</th><th>Not applicable</th><th>Waived</th>");
        for (Severity v : Severity.values()) {
            b.append("<th>").append(v.name()).append(" failing</th>");
        }
        b.append("</tr>\n<tr><td>").append(s.instances()).append("</td><td>").append(s.audited())
                .append("</td><td>").append(s.count(Outcome.PASS)).append("</td><td>").append(s.count(Outcome.FAIL))
                .append("</td><td>").append(s.count(Outcome.ERROR)).append("</td><td>")
                .append(s.count(Outcome.NOT_APPLICABLE)).append("</td><td>").append(s.waived()).append("</td>");
        for (Severity v : Severity.values()) {
            b.append("<td>").append(s.failures(v)).append("</td>");
        }
        b.append("</tr>\n</table>\n");
    }

    private static void trust(StringBuilder b, AuditReport r) {
        TrustMatrix m = TrustMatrix.of(r);
        b.append("<h2>Trust between instances</h2>\n");
        if (m.isEmpty()) {
            b.append("<p>No links were found or declared.</p>\n");
            return;
        }
        b.append("<p class=\"meta\">Row L, column R: what L holds so that R can connect to it (L trusts R). ")
                .append("Every link needs both directions.</p>\n<table class=\"trust\">\n<tr><th>L \\ R</th>");
        for (String col : m.names()) {
            b.append("<th>").append(html(col)).append("</th>");
        }
        b.append("</tr>\n");
        for (String row : m.names()) {
            b.append("<tr><th>").append(html(row)).append("</th>");
            for (String col : m.names()) {
                TrustStatus t = m.cell(row, col);
                if (t == null) {
                    b.append("<td class=\"none\"></td>");
                } else if (t.complete()) {
                    b.append("<td class=\"ok\">&#10004; complete</td>");
                } else {
                    b.append("<td class=\"bad\">&#10008; missing: ")
                            .append(html(String.join(", ", t.missing() == null ? List.of() : t.missing())))
                            .append("</td>");
                }
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void links(StringBuilder b, List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        b.append("<h3>Links</h3>\n<table class=\"links\">\n<tr><th>A</th><th>B</th><th>Role</th><th>Found from</th></tr>\n");
        for (Link l : links) {
            b.append("<tr><td>").append(html(l.a())).append("</td><td>").append(html(l.b())).append("</td><td>")
                    .append(l.role() == null ? "" : html(l.role().name().toLowerCase(Locale.ROOT)))
                    .append("</td><td>")
                    .append(html(l.sources() == null ? "" : String.join(", ", l.sources().stream().sorted().toList())))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void instance(StringBuilder b, InstanceReport i) {
        b.append("<section class=\"instance\">\n<h2>").append(html(i.name())).append("</h2>\n<p class=\"meta\">");
        if (i.audited()) {
            b.append("audited");
        } else {
            b.append("<span class=\"notaudited\">not audited</span>");
            if (i.unauditedReason() != null) {
                b.append(": ").append(html(i.unauditedReason()));
            }
        }
        b.append(" &middot; ").append(i.count(Outcome.PASS)).append(" pass, ").append(i.count(Outcome.FAIL))
                .append(" fail, ").append(i.count(Outcome.ERROR)).append(" error, ")
                .append(i.count(Outcome.NOT_APPLICABLE)).append(" not applicable, ").append(i.waived())
                .append(" waived</p>\n");
        for (ChecklistSection s : i.sections()) {
            b.append("<h3>").append(html(s.title())).append("</h3>\n<ul class=\"checklist\">\n");
            for (ReportFinding rf : s.items()) {
                item(b, rf);
            }
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void item(StringBuilder b, ReportFinding rf) {
        Finding f = rf.finding();
        String outcome = f.outcome() == null ? "ERROR" : f.outcome().name();
        b.append("<li class=\"").append(outcome).append(f.waived() ? " waived" : "").append("\">")
                .append("<span class=\"mark\">").append(html(Marks.of(f, false))).append("</span>")
                .append(html(rf.title()));
        if (f.outcome() == Outcome.FAIL && f.severity() != null) {
            b.append("<span class=\"sev ").append(f.severity().name()).append("\">").append(f.severity().name())
                    .append("</span>");
        }
        b.append(" <code>").append(html(f.ruleId())).append("</code>");
        if (f.subject() != null && !f.subject().equals(f.instance())) {
            b.append(" <code>").append(html(f.subject())).append("</code>");
        }
        if (f.message() != null && !f.message().isBlank()) {
            b.append("<div class=\"msg\">").append(html(f.message())).append("</div>");
        }
        if (f.outcome() == Outcome.FAIL && f.waiver() != null) {
            b.append("<div class=\"msg\">").append(f.waived() ? "Waived" : "Waiver expired").append(": ")
                    .append(html(f.waiver().reason()))
                    .append(f.waiver().expires() == null ? "" : " (until " + html(f.waiver().expires().toString()) + ")")
                    .append("</div>");
        }
        if (f.outcome() == Outcome.FAIL || f.outcome() == Outcome.ERROR) {
            evidence(b, f.evidence(), rf.rule() == null ? null : rf.rule().procedureStep(), rf.docPath());
        }
        b.append("</li>\n");
    }

    private static void evidence(StringBuilder b, Evidence e, String step, String doc) {
        b.append("<dl class=\"evidence\">");
        if (e != null) {
            if (e.observed() != null) {
                b.append("<dt>observed</dt><dd>").append(html(e.observed())).append("</dd>");
            }
            if (e.expected() != null) {
                b.append("<dt>expected</dt><dd>").append(html(e.expected())).append("</dd>");
            }
            e.facts().forEach((k, v) -> b.append("<dt>").append(html(k)).append("</dt><dd>").append(html(v))
                    .append("</dd>"));
        }
        if (step != null && !step.isBlank()) {
            b.append("<dt>procedure step</dt><dd>").append(html(step)).append("</dd>");
        }
        b.append("<dt>how to fix</dt><dd>").append(html(doc)).append("</dd></dl>");
    }
}
