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
    void same_content_as_the_html_report() {
        assertThat(md).contains("## Trust between instances", "### Links", "## SQLA", "### Outbound",
                "### Inbound from SQLB");
        assertThat(md).contains("| **SQLB** | ✘ missing: certificate, CONNECT |  |  |");
        assertThat(md).contains("| ✘ | Mirroring endpoint started `endpoint-started` | CRITICAL | "
                + "SQLA/endpoint/Mirroring | endpoint Mirroring is STOPPED<br>observed: observed endpoint-started");
        assertThat(md).contains("waived: change CHG-1 in progress (until 2027-01-31)");
    }
}
