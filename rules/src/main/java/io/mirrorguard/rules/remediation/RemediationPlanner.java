package io.mirrorguard.rules.remediation;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.topology.Link;
import io.mirrorguard.rules.model.FleetSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the FAILs of an audit into an ordered plan. Pure: it reads the snapshot and findings and writes nothing.
 * Waived FAILs are not fixed. Identical actions proposed by two findings (both encryption rules on one endpoint)
 * are planned once.
 */
public final class RemediationPlanner {

    private final Map<String, Fix> fixes;

    public RemediationPlanner(List<Fix> fixes) {
        this.fixes = fixes.stream().collect(Collectors.toMap(Fix::ruleId, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("two fixes for rule " + a.ruleId());
        }, LinkedHashMap::new));
    }

    /** Rule ids that have a known fix. */
    public Set<String> fixableRules() {
        return fixes.keySet();
    }

    /** The plan for the FAILs of an audit, with peers taken from the audit's links. */
    public RemediationPlan plan(AuditResult audit, PlanOptions options) {
        Map<String, Set<String>> peers = new java.util.HashMap<>();
        for (Link link : audit.links()) {
            peers.computeIfAbsent(link.a(), k -> new java.util.TreeSet<>()).add(link.b());
            peers.computeIfAbsent(link.b(), k -> new java.util.TreeSet<>()).add(link.a());
        }
        return plan(audit.snapshot(), audit.findings(), peers, options);
    }

    /**
     * @param peers each instance's linked instances, both directions (from the audit's links)
     */
    public RemediationPlan plan(FleetSnapshot snapshot, List<Finding> findings, Map<String, Set<String>> peers,
                                PlanOptions options) {
        FixContext ctx = new FixContext(snapshot, peers, findings, options);
        List<RemediationAction> actions = new ArrayList<>();
        List<SkippedFinding> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Finding f : findings) {
            if (!f.failing() || !options.selects(f.ruleId(), f.instance())) {
                continue;
            }
            Fix fix = fixes.get(f.ruleId());
            if (fix == null) {
                skipped.add(skip(f, "no automatic fix for this rule"));
                continue;
            }
            try {
                for (RemediationAction a : fix.plan(f, ctx)) {
                    if (seen.add(a.instance() + "\u0000" + String.join("\u0000", a.sql()))) {
                        actions.add(a);
                    }
                }
            } catch (Fix.CannotFix e) {
                skipped.add(skip(f, e.getMessage()));
            } catch (IllegalArgumentException e) {
                // a name the quoting refuses (too long, placeholder-shaped): never emit a statement for it
                skipped.add(skip(f, "unsafe name: " + e.getMessage()));
            }
        }
        actions.sort(Comparator.comparingInt(RemediationAction::step));
        return new RemediationPlan(actions, skipped);
    }

    private static SkippedFinding skip(Finding f, String reason) {
        return new SkippedFinding(f.ruleId(), f.instance(), f.peer(), f.subject(), reason);
    }
}
