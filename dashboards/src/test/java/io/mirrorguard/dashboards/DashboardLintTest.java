package io.mirrorguard.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardLintTest {

    @Test
    void shippedDashboardsAreClean() {
        for (Path path : ModuleFiles.dashboards()) {
            Dashboard dashboard = Dashboard.read(path);
            String uid = path.getFileName().toString().replace(".json", "");
            assertThat(DashboardLinter.lint(dashboard, uid)).as(path.toString()).isEmpty();
            assertThat(dashboard.queries()).as(path + " queries").hasSizeGreaterThan(10);
        }
    }

    @Test
    void instanceDashboardFiltersEveryPanelByItsVariable() {
        Dashboard instance = Dashboard.read(ModuleFiles.dashboards().get(1));
        JsonNode variable = instance.json().path("templating").path("list").get(1);
        assertThat(variable.path("name").asText()).isEqualTo("instance");
        assertThat(variable.path("definition").asText()).isEqualTo("label_values(mirrorguard_instance_up, instance)");
        for (Dashboard.Query query : instance.queries()) {
            if (!query.where().contains("variable")) {
                assertThat(query.expr()).as(query.where()).contains("\"$instance\"");
            }
        }
    }

    @Test
    void everyDashboardExpressionParses(@TempDir Path dir) {
        ExternalTool promtool = ExternalTool.require("promtool");
        List<Dashboard.Query> queries = Dashboard.shipped().stream().flatMap(d -> d.queries().stream()).toList();
        assertThat(PromqlCheck.parseErrors(promtool, queries, dir)).isEmpty();
    }

    @Test
    void unparsableExpressionIsReportedWithItsPanel(@TempDir Path dir) {
        ExternalTool promtool = ExternalTool.require("promtool");
        List<Dashboard.Query> queries = List.of(new Dashboard.Query("fleet panel 7 target A", "mirrorguard_findings"),
                new Dashboard.Query("fleet panel 9 target B", "sum by (severity (mirrorguard_findings)"));
        assertThat(PromqlCheck.parseErrors(promtool, queries, dir)).contains("fleet panel 9 target B")
                .doesNotContain("fleet panel 7");
    }

    @Test
    void linterReportsEachBrokenConvention() {
        Dashboard original = Dashboard.read(ModuleFiles.dashboards().get(0));
        ObjectNode json = original.json().deepCopy();
        ArrayNode panels = (ArrayNode) json.path("panels");
        ObjectNode second = (ObjectNode) panels.get(1);
        ObjectNode third = (ObjectNode) panels.get(2);
        third.put("id", second.path("id").asInt());
        ((ObjectNode) second.path("fieldConfig").path("defaults")).remove("unit");
        ((ObjectNode) third.path("targets").get(0).path("datasource")).put("uid", "P1809F7CD0C75ACF3");
        ((ObjectNode) third.path("targets").get(0)).put("expr", "rate(mirrorguard_findings[5m])");
        json.put("uid", "something-else");
        ((ObjectNode) json.path("templating").path("list").get(0)).put("name", "datasource");

        List<String> problems = DashboardLinter.lint(new Dashboard("broken.json", json), "mirrorguard-fleet");

        assertThat(problems).anyMatch(p -> p.contains("duplicate panel id"))
                .anyMatch(p -> p.contains("no unit"))
                .anyMatch(p -> p.contains("datasource \"P1809F7CD0C75ACF3\""))
                .anyMatch(p -> p.contains("rate() over mirrorguard_findings"))
                .anyMatch(p -> p.contains("stable \"mirrorguard-fleet\""))
                .anyMatch(p -> p.contains("datasource variable DS_PROMETHEUS"));
    }

    @Test
    void variablesAreSubstituted() {
        assertThat(Dashboard.substitute("x{instance=\"$instance\"}[${__rate_interval}]",
                Dashboard.SAMPLE_VARIABLES)).isEqualTo("x{instance=\"SQLA\"}[5m]");
    }
}
