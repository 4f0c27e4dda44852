package io.mirrorguard.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The label matchers with literal values in a PromQL expression, e.g. {@code usage="endpoint"} in
 * {@code mirrorguard_certificate_not_after_timestamp_seconds{usage="endpoint"}}: the label values a dashboard or
 * alert assumes the agent emits. A scanner like {@link PromqlNames}; promtool proves the syntax.
 */
final class PromqlSelectors {
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PLAIN_ALTERNATION = Pattern.compile("[A-Za-z0-9_.-]+(\\|[A-Za-z0-9_.-]+)*");

    /** One positive matcher value, as the selector that must find a series: {@code name{label="value"}}. */
    record Expectation(String metric, String label, String value) {
        String selector() {
            return metric + "{" + label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n").replace("\t", "\\t") + "\"}";
        }
    }

    private PromqlSelectors() {
    }

    /** The value a PromQL double-quoted string stands for. */
    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * For every {@code =} matcher its value, and for every {@code =~} matcher that is a plain alternation
     * ({@code PASS|FAIL|ERROR}) each alternative. Negative matchers and real regexes assume nothing about values.
     */
    static List<Expectation> expectedValues(String expr) {
        List<Expectation> out = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            String metric = selector.group(1);
            Matcher m = MATCHER.matcher(selector.group(2));
            while (m.find()) {
                String label = m.group(1);
                String value = unescape(m.group(3));
                if (m.group(2).equals("=")) {
                    out.add(new Expectation(metric, label, value));
                } else if (m.group(2).equals("=~") && PLAIN_ALTERNATION.matcher(value).matches()) {
                    for (String alternative : value.split("\\|")) {
                        out.add(new Expectation(metric, label, alternative));
                    }
                }
            }
        }
        return out;
    }
}
