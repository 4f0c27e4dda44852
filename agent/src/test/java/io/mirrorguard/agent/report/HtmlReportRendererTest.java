package io.mirrorguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlReportRendererTest {

    private final String html = new HtmlReportRenderer().render(ReportFixtures.report());

    @Test
    void is_self_contained_without_scripts_or_external_assets() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
        assertThat(html.toLowerCase()).doesNotContain("<script", "<link", "src=", "@import", "url(");
    }

    @Test
    void hostile_values_are_escaped_everywhere() {
        assertThat(html).doesNotContain("<script>alert");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;|&quot;&amp;");
    }

    @Test
    void draws_the_trust_matrix_in_both_directions() {
        int matrix = html.indexOf("<table class=\"trust\">");
        String table = html.substring(matrix, html.indexOf("</table>", matrix));
        assertThat(table).contains("<th>L \\ R</th><th>SQLA</th><th>SQLB</th><th>SQLW</th>");
        // row SQLB: no trust to itself, SQLA missing certificate and CONNECT, no link to SQLW
        assertThat(table).contains("<tr><th>SQLB</th><td class=\"bad\">&#10008; missing: certificate, CONNECT</td>"
                + "<td class=\"none\"></td><td class=\"none\"></td></tr>");
        assertThat(table).contains("<tr><th>SQLA</th><td class=\"none\"></td><td class=\"ok\">&#10004; complete</td>"
                + "<td class=\"ok\">&#10004; complete</td></tr>");
    }

    @Test
    void opens_with_what_to_fix_most_severe_first_then_trust_then_the_checklist_collapsed() {
        int fix = html.indexOf("<h2>What to fix</h2>");
        assertThat(fix).isPositive().isLessThan(html.indexOf("<h2>Trust between instances</h2>"));
        assertThat(html.indexOf("<h2>Trust between instances</h2>")).isLessThan(html.indexOf("<h2>Full checklist</h2>"));
        String whatToFix = html.substring(fix, html.indexOf("</section>", fix));
        assertThat(whatToFix.indexOf("<span class=\"sev CRITICAL\">")).isLessThan(whatToFix.indexOf("<span class=\"sev HIGH\">"));
        // each unwaived FAIL with its fix and a link to its doc; waived FAILs are not listed
        assertThat(whatToFix).contains("<strong>Mirroring endpoint started</strong> on <strong>SQLA</strong>")
                .contains("<p class=\"fixline\">Fix: <code>")
                .contains("<a href=\"docs/rules/endpoint-started.md\">Why and how: endpoint-started</a>")
                .doesNotContain("change CHG-1");
        assertThat(html).contains("<details class=\"instance\">\n<summary>SQLA</summary>").doesNotContain("<details class=\"instance\" open");
        assertThat(html).contains("@media (max-width:820px)").contains("@media print");
        assertThat(html).contains("<svg class=\"topology\"").contains("<g class=\"edge broken\"><title>SQLA \u2192 SQLB");
    }

    @Test
    void doc_links_follow_where_the_report_is_read() {
        String served = new HtmlReportRenderer(DocLinks.console()).render(ReportFixtures.report());
        assertThat(served).contains("<a href=\"/console/rules/endpoint-started\">");
        String ci = new HtmlReportRenderer(DocLinks.repository("https://example.test/r/blob/abc"))
                .render(ReportFixtures.report());
        assertThat(ci).contains("<a href=\"https://example.test/r/blob/abc/docs/rules/endpoint-started.md\">");
    }

    @Test
    void per_instance_checklist_with_evidence_on_failures() {
        int sqla = html.indexOf("<summary>SQLA</summary>");
        String section = html.substring(sqla, html.indexOf("</details>", sqla));
        assertThat(section.indexOf("<h4>Outbound</h4>")).isLessThan(section.indexOf("<h4>Inbound from SQLB</h4>"));
        assertThat(section).contains("<li class=\"FAIL\"><span class=\"mark\">\u2718</span>Mirroring endpoint started"
                + "<span class=\"sev CRITICAL\">CRITICAL</span>");
        assertThat(section).contains("<dt>observed</dt><dd>observed endpoint-started</dd>",
                "<dt>procedure step</dt><dd>Outbound step 3: create the endpoint</dd>");
        assertThat(section).contains("<li class=\"FAIL waived\">");
        assertThat(section).contains("Waived: change CHG-1 in progress (until 2027-01-31)");
        String pass = section.substring(section.indexOf("<li class=\"PASS\">"));
        assertThat(pass.substring(0, pass.indexOf("</li>"))).doesNotContain("<dl");
    }
}
