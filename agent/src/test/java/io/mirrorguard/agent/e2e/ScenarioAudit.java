package io.mirrorguard.agent.e2e;

import io.mirrorguard.rules.catalog.PartnerEncryptionCompatible;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirrorguard.simulator.scenario.ScenarioHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of a JSON audit report an end-to-end check compares with a scenario header, keyed the way headers are
 * written: {@code rule@INSTANCE[<-PEER]}.
 */
record ScenarioAudit(int exitCode, List<JsonNode> findings) {

    /**
     * Rules reported once per link, whose pair order is not meaningful (docs/simulator.md, "Header"): their keys are
     * normalised to the pair in name order on both sides of a comparison.
     */
    static final Set<String> UNORDERED_LINK_RULES = Set.of(PartnerEncryptionCompatible.ID);

    private static final ObjectMapper JSON = new ObjectMapper();

    static ScenarioAudit parse(int exitCode, String json) {
        try {
            List<JsonNode> findings = new ArrayList<>();
            JSON.readTree(json).get("findings").forEach(findings::add);
            return new ScenarioAudit(exitCode, List.copyOf(findings));
        } catch (IOException e) {
            throw new UncheckedIOException("audit output is not JSON: " + json, e);
        }
    }

    /** Unwaived FAIL findings as header keys. */
    Set<String> unwaivedFailures() {
        Set<String> keys = new TreeSet<>();
        for (JsonNode f : findings) {
            if ("FAIL".equals(f.path("outcome").asText()) && f.path("waiver").isMissingNode()) {
                keys.add(key(f.path("ruleId").asText(), f.path("instance").asText(), text(f.path("peer"))));
            }
        }
        return keys;
    }

    /** Findings with the given outcome, as "key: message" lines (for failure messages and reports). */
    List<String> withOutcome(String outcome) {
        List<String> lines = new ArrayList<>();
        for (JsonNode f : findings) {
            if (outcome.equals(f.path("outcome").asText())) {
                lines.add(key(f.path("ruleId").asText(), f.path("instance").asText(), text(f.path("peer")))
                        + ": " + f.path("message").asText());
            }
        }
        return lines;
    }

    /** Findings about an instance, as the instance or the peer side. */
    List<JsonNode> involving(String instance) {
        return findings.stream()
                .filter(f -> instance.equals(f.path("instance").asText()) || instance.equals(text(f.path("peer"))))
                .toList();
    }

    /** Whether an unwaived FAIL at HIGH or CRITICAL is present: the CLI's default --fail-on threshold. */
    boolean failsAtHighOrAbove() {
        for (JsonNode f : findings) {
            String severity = f.path("severity").asText();
            if ("FAIL".equals(f.path("outcome").asText()) && f.path("waiver").isMissingNode()
                    && (severity.equals("HIGH") || severity.equals("CRITICAL"))) {
                return true;
            }
        }
        return false;
    }

    static Set<String> expected(ScenarioHeader header) {
        Set<String> keys = new TreeSet<>();
        header.expectFail().forEach(e -> keys.add(key(e.ruleId(), e.instance(), e.peer())));
        return keys;
    }

    static String key(String rule, String instance, String peer) {
        if (peer != null && UNORDERED_LINK_RULES.contains(rule) && peer.compareTo(instance) < 0) {
            return rule + "@" + peer + "<-" + instance;
        }
        return rule + "@" + instance + (peer == null ? "" : "<-" + peer);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
