package io.mirrorguard.dashboards;

import java.util.Set;
import java.util.TreeSet;

/** Names of the series an agent scrape exposes: what PromQL can select. */
final class AgentMetricNames {
    private AgentMetricNames() {
    }

    /**
     * The sample names in a Prometheus text (0.0.4) or OpenMetrics scrape, e.g. mirrorguard_audits_total rather than
     * the OpenMetrics family name mirrorguard_audits, because queries select sample names.
     */
    static Set<String> fromScrapeText(String scrape) {
        Set<String> names = new TreeSet<>();
        int lineNo = 0;
        for (String line : scrape.split("\n")) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < trimmed.length() && isNameChar(trimmed.charAt(end), end == 0)) {
                end++;
            }
            if (end == 0 || end < trimmed.length() && trimmed.charAt(end) != '{' && trimmed.charAt(end) != ' ') {
                throw new IllegalArgumentException("scrape line " + lineNo + " does not start with a metric name: "
                        + line);
            }
            names.add(trimmed.substring(0, end));
        }
        return names;
    }

    /**
     * The sample names of the real agent's /metrics after its first audit of a simulated fleet over TDS: the
     * daemon's own registry, scraped the way Prometheus scrapes it.
     */
    static Set<String> fromLiveAgent(SimulatedAgent agent) {
        return fromScrapeText(agent.scrape());
    }

    private static boolean isNameChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || c == ':' || !first && Character.isDigit(c);
    }
}
