package io.mirrorguard.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Parses PromQL with promtool: each expression becomes a recording rule in its own group (named after where the
 * expression lives, so promtool's error names it) and `promtool check rules` parses them all.
 */
final class PromqlCheck {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PromqlCheck() {
    }

    /** promtool's output when some expression does not parse; empty when all parse. */
    static String parseErrors(ExternalTool promtool, List<Dashboard.Query> queries, Path dir) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Dashboard.Query query = queries.get(i);
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard_query_" + i);
            rule.put("expr", Dashboard.substitute(query.expr(), Dashboard.SAMPLE_VARIABLES));
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", query.where());
            group.put("rules", List.of(rule));
            groups.add(group);
        }
        Path file = dir.resolve("dashboard-queries.yml");
        try {
            YAML.writeValue(file.toFile(), Map.of("groups", groups));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        ExternalTool.Result result = promtool.run(dir, "check", "rules", file.getFileName().toString());
        return result.exitCode() == 0 ? "" : result.output();
    }
}
