package io.mirrorguard.agent.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each instance's entry starts in a config file (the line of its {@code - name:}), so SARIF results can point
 * at the entry that configured the instance they are about.
 */
final class ConfigEntryLines {
    private ConfigEntryLines() {}

    /** Instance name to 1-based line; empty when the file cannot be read (the config loader already said why). */
    static Map<String, Integer> of(Path config) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(config.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return lines;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("instances".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        entry(p, lines);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return lines;
    }

    /** Reads one instance object (positioned on its START_OBJECT) and records the line of its name. */
    private static void entry(JsonParser p, Map<String, Integer> lines) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            int line = p.currentTokenLocation().getLineNr();
            JsonToken value = p.nextToken();
            if ("name".equals(field) && value == JsonToken.VALUE_STRING) {
                lines.putIfAbsent(p.getText(), line);
            } else {
                p.skipChildren();
            }
        }
    }
}
