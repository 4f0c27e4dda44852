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
    void per_instance_checklist_with_evidence_on_failures() {
        int sqla = html.indexOf("<h2>SQLA</h2>");
        String section = html.substring(sqla, html.indexOf("</section>", sqla));
        assertThat(section.indexOf("<h3>Outbound</h3>")).isLessThan(section.indexOf("<h3>Inbound from SQLB</h3>"));
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
