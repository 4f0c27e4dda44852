package io.mirrorguard.agent.console;

import io.mirrorguard.rules.catalog.EndpointStarted;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.report.ReportContext;
import io.mirrorguard.agent.testing.Facts;
import io.mirrorguard.agent.testing.Findings;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.TrustStatus;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.topology.Link;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names come from servers and configs: every page must show them as text, never as markup. */
class ConsolePagesEscapingTest {
    private static final String HOSTILE = "<script>alert(1)</script>\"'&";
    private static final String MISSING = "<img src=x onerror=alert(2)>";

    private final ConsoleTemplates templates = new ConsoleTemplates();
    private final FleetSnapshot snapshot = new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, Facts.NOW,
            List.of(Facts.instance(HOSTILE, "SQLA"), Facts.instance("SQLA", HOSTILE)), List.of());
    private final AuditReport report = AuditReport.of(new AuditResult(Facts.NOW, snapshot,
                    List.of(Findings.fail(EndpointStarted.ID, HOSTILE), Findings.pass(EndpointStarted.ID, "SQLA")),
                    List.of(), List.of(new TrustStatus(HOSTILE, "SQLA", false, List.of(MISSING)),
                            new TrustStatus("SQLA", HOSTILE, true, List.of())),
                    List.of(new Link("SQLA", HOSTILE, LinkRole.PARTNER, Set.of("declared")))),
            List.of(), ReportContext.of("test"));
    private final List<InstanceStatus> statuses = List.of(
            new InstanceStatus(HOSTILE, "r1", Facts.NOW, true, 1.0, Facts.NOW, null),
            new InstanceStatus("SQLA", "r1", Facts.NOW, false, 1.0, null, "UNREACHABLE: <b>refused</b>"));

    private static void assertInert(String html) {
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>refused");
    }

    @Test
    void overview() {
        String html = templates.render("overview", OverviewPage.model(report, statuses, Facts.NOW));
        assertInert(html);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
                // a path variable: percent-encoded where it matters, then attribute-escaped
                .contains("href=\"/console/instances/%3Cscript%3Ealert(1)%3C/script%3E%22&#39;&amp;\"")
                .contains("missing: &lt;img src=x onerror=alert(2)&gt;")
                .contains("UNREACHABLE: &lt;b&gt;refused&lt;/b&gt;");
    }

    @Test
    void instance_page() {
        String html = templates.render("instance",
                InstancePage.model(HOSTILE, report, statuses, Optional.empty(), Facts.NOW).orElseThrow());
        assertInert(html);
        assertThat(html).contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</h1>");
        assertThat(InstancePage.model("nobody", report, statuses, Optional.empty(), Facts.NOW)).isEmpty();
    }

    @Test
    void certificates_page() {
        String html = templates.render("certificates", CertificatesPage.model(snapshot, Facts.NOW));
        assertInert(html);
        assertThat(html).contains("peer of &lt;script&gt;");
    }
}
