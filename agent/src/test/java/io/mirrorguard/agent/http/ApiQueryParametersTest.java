package io.mirrorguard.agent.http;

import static io.mirrorguard.agent.http.ApiFixture.error;
import static io.mirrorguard.agent.http.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirrorguard.agent.audit.AuditTrigger;
import io.mirrorguard.agent.report.ReportFormat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Query parameters: one list of report formats with the CLI, case-insensitive instance names, no repeats. */
class ApiQueryParametersTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(dir);
        api.service.auditFleet(AuditTrigger.STARTUP);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_api_accepts_every_format_name_and_alias_the_cli_accepts() throws Exception {
        assertThat(ReportFormat.names()).containsExactly("json", "text", "sarif", "junit", "html", "md");
        for (String name : ReportFormat.names()) {
            HttpResponse<String> r = api.get("/api/v1/reports/latest?format=" + name);
            assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(name)
                    .hasValueSatisfying(ct -> assertThat(ct.replace(" ", "")).startsWith(ReportFormat.parse(name).contentType().replace(" ", "")));
        }
        for (String alias : new String[] {"txt", "xml", "markdown", "TEXT"}) {
            HttpResponse<String> r = api.get("/api/v1/reports/latest?format=" + alias);
            assertThat(r.statusCode()).as(alias).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(alias)
                    .hasValueSatisfying(ct -> assertThat(ct.replace(" ", "")).startsWith(ReportFormat.parse(alias).contentType().replace(" ", "")));
        }
        JsonNode bad = error(api.get("/api/v1/reports/latest?format=pdf"), 400, "format");
        assertThat(bad.get("detail").asText()).contains(String.join(", ", ReportFormat.names()));
    }

    @Test
    void instance_filters_match_configured_names_case_insensitively() throws Exception {
        JsonNode exact = json(api.get("/api/v1/findings?instance=SQLA")).get("findings");
        assertThat(exact).isNotEmpty();
        assertThat(json(api.get("/api/v1/findings?instance=sqla")).get("findings")).isEqualTo(exact);
        assertThat(json(api.get("/api/v1/findings/lifecycle?instance=sQlA")).get("findings")).isNotNull();
        error(api.get("/api/v1/findings?instance=sqlz"), 400, "instance");

        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/audits"))
                .header("Authorization", "Bearer " + ApiFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"instance\":\"sqlb\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("instances").get(0).asText()).isEqualTo("SQLB");
    }

    @Test
    void a_repeated_query_parameter_is_400_naming_it() throws Exception {
        JsonNode body = error(api.get("/api/v1/findings?instance=SQLA&instance=SQLB"), 400, "instance");
        assertThat(body.get("detail").asText()).contains("2 times");
        error(api.get("/api/v1/findings?outcome=FAIL&outcome=PASS"), 400, "outcome");
        error(api.get("/api/v1/reports/latest?format=json&format=html"), 400, "format");
        error(api.get("/api/v1/findings/lifecycle?state=open&state=open"), 400, "state");
    }
}
