package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Test helpers around the built-in engine. */
final class Audit {
    static final RuleEngine ENGINE = BuiltInRules.engine();

    private Audit() {}

    static AuditResult run(FleetBuilder fleet) {
        return run(fleet, Policy.defaults());
    }

    static AuditResult run(FleetBuilder fleet, Policy policy) {
        return ENGINE.evaluate(fleet.build(), policy);
    }

    static Set<String> failingRules(AuditResult r) {
        return ids(r, Outcome.FAIL);
    }

    static Set<String> ids(AuditResult r, Outcome outcome) {
        Set<String> ids = new TreeSet<>();
        r.findings().stream().filter(f -> f.outcome() == outcome).forEach(f -> ids.add(f.ruleId()));
        return ids;
    }

    static List<Finding> findings(AuditResult r, String ruleId) {
        return r.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    static List<Finding> findings(AuditResult r, String ruleId, Outcome outcome) {
        return findings(r, ruleId).stream().filter(f -> f.outcome() == outcome).toList();
    }
}
