package io.mirrorguard.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console over HTTP against the daemon auditing the simulated demo fleet (no browser needed). */
class ConsoleRoutesTest {
    private static ConsoleFleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = new ConsoleFleet("demo-drift");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void overview_lists_failures_by_severity_with_fix_and_doc_link_under_a_strict_csp() throws Exception {
        HttpResponse<String> r = fleet.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleRoutes.CSP);
        assertThat(ConsoleRoutes.CSP).contains("default-src 'none'").doesNotContain("unsafe").doesNotContain("http");
        String html = r.body();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\"").contains("<main id=\"main\">");
        // the demo's known failures, each with the rule's one-line fix and a link to its doc
        assertThat(html).contains("data-rule=\"master-key-protected-by-service-key\" data-instance=\"SQLA\"")
                .contains("data-rule=\"endpoint-connect-not-public\" data-instance=\"SQLB\"")
                .contains("data-rule=\"peer-certificate-installed\" data-instance=\"SQLW\"")
                .contains("href=\"/console/rules/peer-certificate-installed\"")
                .contains("<span class=\"label\">Fix:</span>");
        // severities appear most severe first
        int high = html.indexOf("class=\"sev-group\" data-severity=\"HIGH\"");
        int low = html.indexOf("class=\"sev-group\" data-severity=\"LOW\"");
        assertThat(high).isPositive();
        assertThat(low == -1 || high < low).isTrue();
        // no script, no inline style, no absolute URL to another origin
        assertThat(html).doesNotContain("<script").doesNotContain("style=").doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(html).contains("<svg class=\"topology\"").contains("class=\"edge broken\"")
                .contains("class=\"edge complete\"");
    }

    @Test
    void instance_page_shows_the_checklist_with_evidence_and_the_history_from_the_store() throws Exception {
        fleet.auditAgain();
        HttpResponse<String> r = fleet.get("/console/instances/SQLW");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>SQLW</h1>").contains(">Outbound</h2>").contains("Inbound from SQLA")
                .contains("<dt>observed</dt>").contains("data-kind=\"first-seen\" data-rule=\"peer-certificate-installed\"");
        assertThat(fleet.get("/console/instances/NOPE").statusCode()).isEqualTo(404);
        HttpResponse<String> named = fleet.get("/console/instances/HOST%5CINST");
        assertThat(named.statusCode()).as(named.body()).isEqualTo(404);
        assertThat(named.body()).contains("HOST\\\\INST");
    }

    @Test
    void certificates_page_puts_every_endpoint_and_peer_certificate_on_the_axis() throws Exception {
        HttpResponse<String> r = fleet.get("/console/certificates");
        assertThat(r.statusCode()).isEqualTo(200);
        String html = r.body();
        for (String instance : new String[] {"SQLA", "SQLB", "SQLW"}) {
            assertThat(html).contains("<td>endpoint</td>").contains("data-instance=\"" + instance + "\"");
        }
        assertThat(html).contains("peer of SQLA").contains("<line class=\"now\"");
    }

    @Test
    void rule_docs_come_from_the_jar_rendered_with_html_escaped() throws Exception {
        HttpResponse<String> r = fleet.get("/console/rules/peer-certificate-installed");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<article class=\"doc\"><h1>");
        assertThat(fleet.get("/console/rules/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        assertThat(fleet.get("/console/rules/no-such-rule").statusCode()).isEqualTo(404);
        assertThat(new RuleDocs().html("x")).isEmpty();
    }

    @Test
    void assets_are_served_from_the_jar_and_nothing_else_is() throws Exception {
        HttpResponse<String> css = fleet.get("/console/assets/console.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(fleet.get("/console/assets/..%2Ftemplates%2Foverview.html").statusCode()).isEqualTo(404);
    }
}
