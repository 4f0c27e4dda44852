package io.mirrorguard.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The rules of prometheus/alerts.yml. */
record AlertRules(List<Rule> rules) {

    /** One recording (record set) or alerting (alert set) rule. */
    record Rule(String group, String record, String alert, String expr, String forDuration, Map<String, String> labels,
            Map<String, String> annotations) {
        boolean isAlert() {
            return alert != null;
        }

        String name() {
            return isAlert() ? alert : record;
        }
    }

    static AlertRules shipped() {
        return read(ModuleFiles.alertRules());
    }

    @SuppressWarnings("unchecked")
    static AlertRules read(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            JsonNode root = yaml.readTree(file.toFile());
            List<Rule> rules = new ArrayList<>();
            for (JsonNode group : root.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules.add(new Rule(group.path("name").asText(), text(rule, "record"), text(rule, "alert"),
                            rule.path("expr").asText(), text(rule, "for"),
                            yaml.convertValue(rule.path("labels"), Map.class) == null ? Map.of()
                                    : yaml.convertValue(rule.path("labels"), Map.class),
                            yaml.convertValue(rule.path("annotations"), Map.class) == null ? Map.of()
                                    : yaml.convertValue(rule.path("annotations"), Map.class)));
                }
            }
            return new AlertRules(rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules " + file + ": " + e.getMessage(), e);
        }
    }

    List<Rule> alerts() {
        return rules.stream().filter(Rule::isAlert).toList();
    }

    List<Rule> recordings() {
        return rules.stream().filter(r -> !r.isAlert()).toList();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
