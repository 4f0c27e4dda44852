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
 * One self-contained page (inline CSS, no scripts, no external assets) to mail or archive: first what to fix (the
 * unwaived FAILs by severity, each with its fix and a link to the rule's doc), then the trust picture and matrix,
 * then per instance the procedure's checklist with evidence, collapsed. Readable at 800 px and in print. Every value
 * is HTML-escaped.
 */
public final class HtmlReportRenderer implements ReportRenderer {

    private final DocLinks docs;

    /** Links rule docs relative to the repository root (docs/rules/&lt;id&gt;.md). */
    public HtmlReportRenderer() {
        this(DocLinks.repository(null));
    }

    public HtmlReportRenderer(DocLinks docs) {
        this.docs = docs;
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;padding:0 1rem;color:#1b1f23;max-width:72rem}
            a{color:#0550ae}ul.fix{list-style:none;padding:0}ul.fix li{border-left:4px solid #a40e26;padding:.3rem .7rem;margin:.4rem 0;box-shadow:0 0 0 1px #d0d7de}
            ul.fix p{margin:.15rem 0}.fixline code{white-space:pre-wrap}.good{color:#116329;font-weight:bold}
            details.instance{border:1px solid #d0d7de;border-radius:.3rem;margin:.5rem 0;padding:.2rem .8rem}
            details.instance>summary{cursor:pointer;font-weight:bold;padding:.3rem 0}
            svg.topology{width:100%;max-width:720px;height:auto;background:#f6f8fa}.edge line{stroke-width:3}
            .edge.complete line{stroke:#1a7f37}.edge.complete polygon{fill:#1a7f37}.edge.broken line{stroke:#cf222e}
            .edge.broken polygon{fill:#cf222e}.edge.unknown line{stroke:#6e7781;stroke-dasharray:6 4}.edge.unknown polygon{fill:#6e7781}
            .node circle{fill:#fff;stroke:#1b1f23;stroke-width:2}.node.failing circle{stroke:#a40e26;stroke-width:3}
            .node.down circle{fill:#ffebe9;stroke:#a40e26;stroke-dasharray:4 3}.node text{font-size:13px;font-weight:600}
            .scroll{overflow-x:auto}code{overflow-wrap:anywhere}
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
            @media (max-width:820px){body{margin:1rem auto;padding:0 .6rem}th,td{padding:.25rem .35rem}
            dl.evidence{grid-template-columns:1fr;margin-left:.5rem}.msg{margin-left:.5rem}}
            @media print{body{margin:0;max-width:none}a{color:#1b1f23}details::details-content{content-visibility:visible;display:contents}
            details.instance{border:0;padding:0}ul.fix li,ul.checklist li{break-inside:avoid}.scroll{overflow:visible}}
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
        whatToFix(b, r);
        trust(b, r);
        links(b, r.links());
        b.append("<h2>Summary</h2>\n<div class=\"scroll\">");
        summary(b, r);
        b.append("</div>\n<h2>Full checklist</h2>\n<p class=\"meta\">One section per instance, collapsed; "
                + "failures and errors show their evidence.</p>\n");
        for (InstanceReport i : r.instances()) {
            instance(b, i);
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private void whatToFix(StringBuilder b, AuditReport r) {
        b.append("<section id=\"what-to-fix\">\n<h2>What to fix</h2>\n");
        boolean any = false;
        for (Severity v : Severity.values()) { // most severe first
            List<ReportFinding> fails = r.findings().stream()
                    .filter(f -> f.finding().failing() && f.finding().severity() == v).toList();
            if (fails.isEmpty()) {
                continue;
            }
            any = true;
            b.append("<h3><span class=\"sev ").append(v.name()).append("\">").append(v.name()).append("</span> ")
                    .append(fails.size()).append(" failing</h3>\n<ul class=\"fix\">\n");
            for (ReportFinding rf : fails) {
                Finding f = rf.finding();
                b.append("<li><p><strong>").append(html(rf.title())).append("</strong> on <strong>")
                        .append(html(f.instance())).append("</strong>");
                if (f.subject() != null && !f.subject().equals(f.instance())) {
                    b.append(" <code>").append(html(f.subject())).append("</code>");
                }
                b.append("</p>");
                if (f.message() != null && !f.message().isBlank()) {
                    b.append("<p>").append(html(f.message())).append("</p>");
                }
                if (rf.rule() != null && rf.rule().remediation() != null && !rf.rule().remediation().isBlank()) {
                    b.append("<p class=\"fixline\">Fix: <code>").append(html(rf.rule().remediation()))
                            .append("</code></p>");
                }
                b.append("<p><a href=\"").append(html(docs.href(rf))).append("\">Why and how: ")
                        .append(html(f.ruleId())).append("</a></p></li>\n");
            }
            b.append("</ul>\n");
        }
        if (!any) {
            b.append("<p class=\"good\">Nothing: no unwaived FAIL.</p>\n");
        }
        b.append("</section>\n");
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
        picture(b, TopologyLayout.of(r));
        b.append("<p class=\"meta\">Row L, column R: what L holds so that R can connect to it (L trusts R). ")
                .append("Every link needs both directions.</p>\n<div class=\"scroll\"><table class=\"trust\">\n<tr><th>L \\ R</th>");
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
        b.append("</table></div>\n");
    }

    /** The same picture as the console's: arrows from the connecting to the accepting instance, by trust. */
    private static void picture(StringBuilder b, TopologyLayout t) {
        b.append("<svg class=\"topology\" role=\"img\" aria-label=\"Trust between instances\" viewBox=\"0 0 ")
                .append(t.width()).append(' ').append(t.height()).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (TopologyLayout.Edge e : t.edges()) {
            b.append("<g class=\"edge ").append(html(e.state())).append("\"><title>").append(html(e.description()))
                    .append("</title><line x1=\"").append(e.x1()).append("\" y1=\"").append(e.y1())
                    .append("\" x2=\"").append(e.x2()).append("\" y2=\"").append(e.y2()).append("\"/><polygon points=\"")
                    .append(e.arrowHead()).append("\"/></g>\n");
        }
        for (TopologyLayout.Node n : t.nodes()) {
            b.append("<g class=\"node ").append(html(n.state())).append("\"><title>").append(html(n.name()))
                    .append("</title><circle cx=\"").append(n.x()).append("\" cy=\"").append(n.y()).append("\" r=\"")
                    .append(n.radius()).append("\"/><text x=\"").append(n.x()).append("\" y=\"").append(n.y() + 5)
                    .append("\" text-anchor=\"middle\">").append(html(n.name())).append("</text></g>\n");
        }
        b.append("</svg>\n");
    }

    private static void links(StringBuilder b, List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        b.append("<h3>Links</h3>\n<div class=\"scroll\"><table class=\"links\">\n<tr><th>A</th><th>B</th><th>Role</th><th>Found from</th></tr>\n");
        for (Link l : links) {
            b.append("<tr><td>").append(html(l.a())).append("</td><td>").append(html(l.b())).append("</td><td>")
                    .append(l.role() == null ? "" : html(l.role().name().toLowerCase(Locale.ROOT)))
                    .append("</td><td>")
                    .append(html(l.sources() == null ? "" : String.join(", ", l.sources().stream().sorted().toList())))
                    .append("</td></tr>\n");
        }
        b.append("</table></div>\n");
    }

    private void instance(StringBuilder b, InstanceReport i) {
        b.append("<details class=\"instance\">\n<summary>").append(html(i.name())).append("</summary>\n<p class=\"meta\">");
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
            b.append("<h4>").append(html(s.title())).append("</h4>\n<ul class=\"checklist\">\n");
            for (ReportFinding rf : s.items()) {
                item(b, rf);
            }
            b.append("</ul>\n");
        }
        b.append("</details>\n");
    }

    private void item(StringBuilder b, ReportFinding rf) {
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
            evidence(b, f.evidence(), rf.rule() == null ? null : rf.rule().procedureStep(), docs.href(rf),
                    rf.ruleId());
        }
        b.append("</li>\n");
    }

    private static void evidence(StringBuilder b, Evidence e, String step, String doc, String ruleId) {
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
        b.append("<dt>how to fix</dt><dd><a href=\"").append(html(doc)).append("\">").append(html(ruleId))
                .append("</a></dd></dl>");
    }
}
