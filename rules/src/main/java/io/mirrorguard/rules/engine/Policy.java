package io.mirrorguard.rules.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operator decides about the rules: parameters, disabled rules, severity overrides and waivers.
 */
public record Policy(PolicyParameters parameters, Set<String> disabledRules, Map<String, Severity> severityOverrides,
                     List<Waiver> waivers) {

    public Policy {
        parameters = parameters == null ? PolicyParameters.defaults() : parameters;
        disabledRules = disabledRules == null ? Set.of() : Set.copyOf(disabledRules);
        severityOverrides = severityOverrides == null ? Map.of() : Map.copyOf(severityOverrides);
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    public static Policy defaults() {
        return new Policy(PolicyParameters.defaults(), Set.of(), Map.of(), List.of());
    }

    public Policy withParameters(PolicyParameters p) {
        return new Policy(p, disabledRules, severityOverrides, waivers);
    }

    public Policy withDisabled(Set<String> ids) {
        return new Policy(parameters, ids, severityOverrides, waivers);
    }

    public Policy withSeverityOverrides(Map<String, Severity> overrides) {
        return new Policy(parameters, disabledRules, overrides, waivers);
    }

    public Policy withWaivers(List<Waiver> w) {
        return new Policy(parameters, disabledRules, severityOverrides, w);
    }

    /** Checks values only; see {@link #validate(Set)} to also reject unknown rule ids. */
    public void validate() {
        parameters.validate();
        for (var e : severityOverrides.entrySet()) {
            if (e.getValue() == null) {
                throw new PolicyException("rules.severity." + e.getKey(), "missing severity");
            }
        }
        for (int i = 0; i < waivers.size(); i++) {
            Waiver w = waivers.get(i);
            String at = "waivers[" + i + "]";
            if (w == null) {
                throw new PolicyException(at, "empty waiver");
            }
            if (blank(w.rule())) {
                throw new PolicyException(at + ".rule", "required");
            }
            if (blank(w.instance())) {
                throw new PolicyException(at + ".instance", "required");
            }
            if (blank(w.reason())) {
                throw new PolicyException(at + ".reason", "required: say why the risk is accepted");
            }
            if (w.expires() == null) {
                throw new PolicyException(at + ".expires", "required: a waiver must expire (YYYY-MM-DD)");
            }
        }
    }

    /** Also rejects rule ids that no registered rule has (typos would silently disable nothing). */
    public void validate(Set<String> knownRuleIds) {
        validate();
        for (String id : disabledRules.stream().sorted().toList()) {
            if (!knownRuleIds.contains(id)) {
                throw new PolicyException("rules.disabled", "unknown rule id '" + id + "'");
            }
        }
        for (String id : severityOverrides.keySet().stream().sorted().toList()) {
            if (!knownRuleIds.contains(id)) {
                throw new PolicyException("rules.severity." + id, "unknown rule id '" + id + "'");
            }
        }
        for (int w = 0; w < waivers.size(); w++) {
            if (!knownRuleIds.contains(waivers.get(w).rule())) {
                throw new PolicyException("waivers[" + w + "].rule", "unknown rule id '" + waivers.get(w).rule() + "'");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
