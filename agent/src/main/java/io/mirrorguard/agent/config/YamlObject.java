package io.mirrorguard.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A YAML mapping at a known path, read strictly: keys that are not allowed, values of the wrong type and missing
 * required values are recorded as problems with their full path, and a neutral value is returned so reading goes
 * on and every problem is reported in one pass.
 */
final class YamlObject {

    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final SecretResolver secrets;

    private YamlObject(JsonNode node, String path, Problems problems, SecretResolver secrets, Set<String> allowed) {
        this.path = path;
        this.problems = problems;
        this.secrets = secrets;
        if (node == null || node.isMissingNode() || node.isNull()) {
            this.node = MissingNode.getInstance();
        } else if (!node.isObject()) {
            problems.add(path, "expected a mapping, got " + describe(node));
            this.node = MissingNode.getInstance();
        } else {
            this.node = node;
            node.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    problems.add(child(key), "unknown key" + suggestion(key, allowed));
                }
            });
        }
    }

    static YamlObject root(JsonNode node, Problems problems, SecretResolver secrets, String... allowed) {
        return new YamlObject(node, "", problems, secrets, Set.of(allowed));
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean present() {
        return !node.isMissingNode();
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    Problems problems() {
        return problems;
    }

    void problem(String key, String message) {
        problems.add(key == null ? path : child(key), message);
    }

    JsonNode raw(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /**
     * The value at {@code key} when present and accepted by {@code accepts}; null when absent, and null with a
     * problem ("expected {@code expected}, got ...") when of the wrong type.
     */
    private JsonNode typed(String key, Predicate<JsonNode> accepts, String expected) {
        JsonNode v = raw(key);
        if (v != null && !accepts.test(v)) {
            problem(key, "expected " + expected + ", got " + describe(v));
            return null;
        }
        return v;
    }

    /** An optional nested mapping; absent gives an empty object whose readers return defaults. */
    YamlObject object(String key, String... allowed) {
        return new YamlObject(raw(key), child(key), problems, secrets, Set.of(allowed));
    }

    /** An optional list of mappings. */
    List<YamlObject> objects(String key, String... allowed) {
        JsonNode v = typed(key, JsonNode::isArray, "a list");
        List<YamlObject> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        Set<String> keys = Set.of(allowed);
        for (int i = 0; i < v.size(); i++) {
            out.add(new YamlObject(v.get(i), child(key) + "[" + i + "]", problems, secrets, keys));
        }
        return out;
    }

    String string(String key, String defaultValue) {
        JsonNode v = typed(key, JsonNode::isTextual, "a string");
        if (v == null) {
            return defaultValue;
        }
        if (v.asText().isBlank()) {
            problem(key, "must not be empty");
            return defaultValue;
        }
        return v.asText();
    }

    String requiredString(String key) {
        if (!has(key)) {
            problem(key, "required");
            return null;
        }
        return string(key, null);
    }

    int integer(String key, int defaultValue, int min, int max) {
        Integer v = optionalInteger(key, min, max);
        return v == null ? defaultValue : v;
    }

    Integer optionalInteger(String key, int min, int max) {
        JsonNode v = typed(key, n -> n.isIntegralNumber() && n.canConvertToInt(), "an integer");
        if (v == null) {
            return null;
        }
        int i = v.intValue();
        if (i < min || i > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + i);
            return null;
        }
        return i;
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode v = typed(key, JsonNode::isBoolean, "true or false");
        return v == null ? defaultValue : v.booleanValue();
    }

    /** A value from a closed set, matched case-insensitively; the message lists the allowed values. */
    <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        JsonNode v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        E[] constants = type.getEnumConstants();
        if (v.isTextual() || v.isBoolean()) {
            String text = v.asText();
            for (E c : constants) {
                if (c.name().equalsIgnoreCase(text)) {
                    return c;
                }
            }
        }
        problem(key, "expected one of " + lowerNames(constants) + ", got " + describe(v));
        return defaultValue;
    }

    List<String> strings(String key) {
        JsonNode v = typed(key, JsonNode::isArray, "a list");
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                problems.add(child(key) + "[" + i + "]", "expected a non-empty string, got " + describe(e));
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    /** A mapping of scalar values; numbers and booleans are kept as their text. */
    Map<String, String> stringMap(String key) {
        JsonNode v = typed(key, JsonNode::isObject, "a mapping");
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        v.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(child(key) + "." + e.getKey(), "expected a scalar value, got " + describe(e.getValue()));
            }
        });
        return out;
    }

    /** A secret: literal text, {@code ${env:VAR}} or {@code ${file:PATH}}; null when absent or unresolvable. */
    Secret secret(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                problem(key, "required");
            }
            return null;
        }
        JsonNode v = typed(key, JsonNode::isTextual, "a string");
        return v == null ? null : secrets.resolve(v.asText(), child(key), problems);
    }

    /** Secrets given as a list, e.g. HTTP tokens. */
    List<Secret> secrets(String key) {
        JsonNode v = typed(key, JsonNode::isArray, "a list");
        List<Secret> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            String p = child(key) + "[" + i + "]";
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                problems.add(p, "expected a string, got " + describe(e));
                continue;
            }
            Secret s = secrets.resolve(e.asText(), p, problems);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    SecretResolver secretResolver() {
        return secrets;
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isIntegralNumber()) {
            return "an integer";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.isObject() ? "a mapping" : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static <E extends Enum<E>> String lowerNames(E[] constants) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(constants).forEach(c -> names.add(c.name().toLowerCase(java.util.Locale.ROOT)));
        return String.join(" | ", names);
    }

    private static String suggestion(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best != null && bestDistance <= 2 ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
