package io.mirrorguard.agent.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed Prometheus text exposition (0.0.4): families from {@code # TYPE}/{@code # HELP} lines and every sample
 * with its labels. For tests and for the dashboards' cross-check of the metric names they query.
 */
public record Scrape(Map<String, Family> families, List<Sample> samples) {
    public record Family(String name, String type, String help) {}

    public record Sample(String name, Map<String, String> labels, double value) {}

    public static Scrape parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ", 2);
                types.put(p[0], p.length > 1 ? p[1].trim() : "");
            } else if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                helps.put(p[0], p.length > 1 ? p[1] : "");
            } else if (!line.startsWith("#")) {
                samples.add(parseSample(line));
            }
        }
        Map<String, Family> families = new LinkedHashMap<>();
        types.forEach((name, type) -> families.put(name, new Family(name, type, helps.getOrDefault(name, ""))));
        return new Scrape(Collections.unmodifiableMap(families), List.copyOf(samples));
    }

    private static Sample parseSample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).trim();
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // skip ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        value.append(n == 'n' ? '\n' : n);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            rest = line.substring(i + 1).trim();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).trim();
        }
        String valueText = rest.split(" ")[0];
        double value = switch (valueText) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(valueText);
        };
        return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Family names that start with {@code mirrorguard_}. */
    public Set<String> mirrorguardFamilies() {
        Set<String> names = new TreeSet<>();
        for (String n : families.keySet()) {
            if (n.startsWith("mirrorguard_")) {
                names.add(n);
            }
        }
        return names;
    }
}
