package io.mirrorguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

    private final String md = new MarkdownReportRenderer().render(ReportFixtures.report());

    /** Cell separators: pipes not escaped by a backslash. */
    private static long unescapedPipes(String line) {
        long n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '|') {
                n++;
            }
        }
        return n;
    }

    @Test
    void every_table_row_has_as_many_cells_as_its_header() {
        List<String> lines = Arrays.asList(md.split("\n"));
        long expected = -1;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                expected = -1;
                continue;
            }
            if (expected < 0) {
                expected = unescapedPipes(line);
            }
            assertThat(unescapedPipes(line)).as(line).isEqualTo(expected);
        }
    }

    @Test
    void hostile_values_cannot_break_tables_or_inject_html() {
        assertThat(md).doesNotContain("<script>");
        assertThat(md).contains("&lt;script&gt;alert('x')&lt;/script&gt;\\|\"&amp;");
    }

    @Test
    void opens_with_what_to_fix_then_trust_then_the_checklist_collapsed() {
        int fix = md.indexOf("## What to fix");
        assertThat(fix).isPositive().isLessThan(md.indexOf("## Trust between instances"));
        assertThat(md.indexOf("## Trust between instances")).isLessThan(md.indexOf("## Full checklist"));
        String whatToFix = md.substring(fix, md.indexOf("## Trust between instances"));
        assertThat(whatToFix.indexOf("### CRITICAL")).isLessThan(whatToFix.indexOf("### HIGH"));
        assertThat(whatToFix).contains("- **Mirroring endpoint started** on **SQLA** (SQLA/endpoint/Mirroring)")
                .contains("[Why and how: endpoint-started](docs/rules/endpoint-started.md)")
                .doesNotContain("CHG-1");
        assertThat(new MarkdownReportRenderer(DocLinks.repository("https://example.test/my repo/"))
                .render(ReportFixtures.report()))
                .contains("(https://example.test/my%20repo/docs/rules/endpoint-started.md)");
    }

    @Test
    void same_content_as_the_html_report() {
        assertThat(md).contains("## Trust between instances", "### Links", "<details><summary>SQLA</summary>",
                "### Outbound", "### Inbound from SQLB");
        assertThat(md).contains("| **SQLB** | ✘ missing: certificate, CONNECT |  |  |");
        assertThat(md).contains("| ✘ | Mirroring endpoint started `endpoint-started` | CRITICAL | "
                + "SQLA/endpoint/Mirroring | endpoint Mirroring is STOPPED<br>observed: observed endpoint-started");
        assertThat(md).contains("waived: change CHG-1 in progress (until 2027-01-31)");
    }
}
