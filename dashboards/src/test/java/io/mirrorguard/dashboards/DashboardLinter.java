package io.mirrorguard.dashboards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Offline stand-in for grafana/dashboard-linter (not obtainable here): the rules that matter for dashboards meant to
 * be imported anywhere. Returns problems as "file: what is wrong" lines; empty means clean.
 */
final class DashboardLinter {
    static final String DATASOURCE_VARIABLE = "${DS_PROMETHEUS}";
    private static final Pattern RATE_OF = Pattern.compile("\\b(rate|irate|increase)\\s*\\(\\s*([A-Za-z_:][\\w:]*)");

    private DashboardLinter() {
    }

    static List<String> lint(Dashboard dashboard, String expectedUid) {
        List<String> problems = new ArrayList<>();
        JsonNode json = dashboard.json();
        String file = dashboard.file();
        if (!expectedUid.equals(json.path("uid").asText())) {
            problems.add(file + ": uid must be the stable \"" + expectedUid + "\", is \"" + json.path("uid").asText()
                    + "\"");
        }
        if (json.path("title").asText().isBlank()) {
            problems.add(file + ": no title");
        }
        if (!json.path("schemaVersion").isInt()) {
            problems.add(file + ": no schemaVersion");
        }
        if (!json.path("id").isNull()) {
            problems.add(file + ": id must be null so that import creates a new dashboard");
        }
        checkInputs(file, json, problems);
        checkDatasources(file, json, "", problems);
        checkTemplating(file, json, problems);
        checkPanels(dashboard, problems);
        for (Dashboard.Query query : dashboard.queries()) {
            Matcher m = RATE_OF.matcher(query.expr());
            while (m.find()) {
                if (!m.group(2).endsWith("_total")) {
                    problems.add(query.where() + ": " + m.group(1) + "() over " + m.group(2)
                            + ", which is not a counter (_total)");
                }
            }
        }
        return problems;
    }

    private static void checkInputs(String file, JsonNode json, List<String> problems) {
        boolean declared = false;
        for (JsonNode input : json.path("__inputs")) {
            declared |= "DS_PROMETHEUS".equals(input.path("name").asText())
                    && "datasource".equals(input.path("type").asText())
                    && "prometheus".equals(input.path("pluginId").asText());
        }
        if (!declared) {
            problems.add(file + ": __inputs must declare DS_PROMETHEUS (type datasource, pluginId prometheus)");
        }
        boolean variable = false;
        for (JsonNode v : json.path("templating").path("list")) {
            variable |= "DS_PROMETHEUS".equals(v.path("name").asText()) && "datasource".equals(v.path("type").asText())
                    && "prometheus".equals(v.path("query").asText());
        }
        if (!variable) {
            problems.add(file + ": needs a datasource variable DS_PROMETHEUS (query prometheus) so that file "
                    + "provisioning, which skips __inputs, still resolves ${DS_PROMETHEUS}");
        }
    }

    /** Every datasource reference anywhere must be the variable; only Grafana's built-in annotation is exempt. */
    private static void checkDatasources(String file, JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            JsonNode ds = node.get("datasource");
            if (ds != null && !node.path("builtIn").asBoolean(false)) {
                String uid = ds.isObject() ? ds.path("uid").asText() : ds.asText();
                if (!DATASOURCE_VARIABLE.equals(uid)) {
                    problems.add(file + " " + path + ": datasource \"" + uid + "\" instead of " + DATASOURCE_VARIABLE);
                }
            }
            node.fields().forEachRemaining(e -> checkDatasources(file, e.getValue(), path + "/" + e.getKey(),
                    problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkDatasources(file, node.get(i), path + "/" + i, problems);
            }
        }
    }

    private static void checkTemplating(String file, JsonNode json, List<String> problems) {
        for (JsonNode v : json.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText()) && v.path("refresh").asInt() != 2) {
                problems.add(file + ": variable " + v.path("name").asText()
                        + " must refresh on time range change (refresh 2)");
            }
        }
    }

    private static void checkPanels(Dashboard dashboard, List<String> problems) {
        String file = dashboard.file();
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : dashboard.panels()) {
            String name = "panel " + panel.path("id").asText("?") + " \"" + panel.path("title").asText() + "\"";
            if (!panel.path("id").isInt()) {
                problems.add(file + " " + name + ": no numeric id");
            } else if (!ids.add(panel.path("id").asInt())) {
                problems.add(file + " " + name + ": duplicate panel id " + panel.path("id").asInt());
            }
            if (panel.path("title").asText().isBlank()) {
                problems.add(file + " " + name + ": no title");
            }
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int w = grid.path("w").asInt(0);
            if (x < 0 || w <= 0 || x + w > 24 || grid.path("h").asInt(0) <= 0) {
                problems.add(file + " " + name + ": gridPos outside the 24-column grid: " + grid);
            } else {
                int[] box = {x, grid.path("y").asInt(), w, grid.path("h").asInt()};
                for (int[] other : boxes) {
                    if (box[0] < other[0] + other[2] && other[0] < box[0] + box[2] && box[1] < other[1] + other[3]
                            && other[1] < box[1] + box[3]) {
                        problems.add(file + " " + name + ": overlaps another panel");
                    }
                }
                boxes.add(box);
            }
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            if (panel.path("fieldConfig").path("defaults").path("unit").asText().isBlank()) {
                problems.add(file + " " + name + ": no unit (fieldConfig.defaults.unit)");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(file + " " + name + ": no query");
            }
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asText().isBlank()) {
                    problems.add(file + " " + name + " target " + target.path("refId").asText() + ": empty expr");
                }
            }
        }
    }
}
