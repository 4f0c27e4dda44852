package io.mirrorguard.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A Grafana dashboard JSON file and the PromQL it runs. */
record Dashboard(String file, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[A-Za-z_]\\w*\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

    /** Where an expression lives, for messages, and the expression itself. */
    record Query(String where, String expr) {
    }

    static Dashboard read(Path path) {
        try {
            return new Dashboard(path.getFileName().toString(), JSON.readTree(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + path + ": " + e.getMessage(), e);
        }
    }

    static List<Dashboard> shipped() {
        return ModuleFiles.dashboards().stream().map(Dashboard::read).toList();
    }

    /** Every panel, including panels nested in collapsed rows. */
    List<JsonNode> panels() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    /** Panel target expressions and the series selectors of label_values() template queries, as written. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(file + " panel " + panel.path("id").asInt() + " \""
                            + panel.path("title").asText() + "\" target " + target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
        }
        for (JsonNode variable : json.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                Matcher m = LABEL_VALUES.matcher(text);
                queries.add(new Query(file + " variable " + variable.path("name").asText(),
                        m.matches() ? m.group(1) : text));
            }
        }
        return queries;
    }

    /** Replaces Grafana variables ($x, ${x}, ${x:format}) so the expression is plain PromQL. */
    static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for Grafana variable $" + name + " in: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static final Map<String, String> SAMPLE_VARIABLES = Map.of("instance", "SQLA", "__rate_interval", "5m",
            "__interval", "1m", "__range", "1h");
}
