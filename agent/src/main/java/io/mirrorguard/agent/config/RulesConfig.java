package io.mirrorguard.agent.config;

import io.mirrorguard.rules.engine.Severity;
import java.util.Map;
import java.util.Set;

/** Rules switched off and severities overridden, by rule id. */
public record RulesConfig(Set<String> disabled, Map<String, Severity> severity) {
    public RulesConfig {
        disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
        severity = severity == null ? Map.of() : Map.copyOf(severity);
    }
}
