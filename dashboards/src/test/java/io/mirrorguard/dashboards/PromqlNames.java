package io.mirrorguard.dashboards;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Metric names referenced by a PromQL expression. A small scanner, not a parser: promtool proves the syntax
 * separately, this only has to find the bare identifiers that select series.
 */
final class PromqlNames {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan", "start", "end");

    private PromqlNames() {
    }

    static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll("\"\"");
        s = MATCHERS.matcher(s).replaceAll("{}");
        s = RANGES.matcher(s).replaceAll("[]");
        s = LABEL_LISTS.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '.') {
                // numbers and durations (5m, 1e3, 0x1F): skip as one token
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == ':')) {
                    i++;
                }
                String word = s.substring(start, i);
                int next = i;
                while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                    next++;
                }
                boolean isCall = next < s.length() && s.charAt(next) == '(';
                if (!isCall && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }
}
