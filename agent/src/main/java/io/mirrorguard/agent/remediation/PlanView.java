package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.RemediationPlan;
import io.mirrorguard.rules.remediation.SkippedFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a plan is shown to a reviewer (CLI and HTTP alike): the hash to approve, each action's exact statements with
 * secrets as placeholders, its rollback, and the FAILs that will not be fixed and why.
 */
public final class PlanView {

    private final RemediationPlan plan;

    public PlanView(RemediationPlan plan) {
        this.plan = plan;
    }

    /** {@code {"hash", "actions": [{ruleId, instance, peer, risk, sql, rollback, ...}], "skipped": [...]}} */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", plan.hash());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (RemediationAction a : plan.actions()) {
            actions.add(action(a));
        }
        m.put("actions", actions);
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (SkippedFinding s : plan.skipped()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("ruleId", s.ruleId());
            k.put("instance", s.instance());
            k.put("peer", s.peer());
            k.put("subject", s.subject());
            k.put("reason", s.reason());
            skipped.add(k);
        }
        m.put("skipped", skipped);
        return m;
    }

    public static Map<String, Object> action(RemediationAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", a.ruleId());
        m.put("instance", a.instance());
        m.put("peer", a.peer());
        m.put("risk", a.risk().name());
        m.put("step", a.step());
        m.put("summary", a.summary());
        m.put("preconditions", a.preconditions());
        m.put("sql", a.sql());
        m.put("rollback", a.rollback());
        m.put("expectedPostState", a.expectedPostState());
        return m;
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("plan ").append(plan.hash()).append(": ").append(plan.actions().size()).append(" action(s), ")
                .append(plan.skipped().size()).append(" FAIL(s) not fixed\n");
        int n = 0;
        for (RemediationAction a : plan.actions()) {
            n++;
            b.append('\n').append(n).append(". [").append(a.risk()).append("] ").append(a.ruleId()).append(" on ")
                    .append(a.instance());
            if (a.peer() != null) {
                b.append(" (peer ").append(a.peer()).append(')');
            }
            b.append(": ").append(a.summary()).append('\n');
            for (String p : a.preconditions()) {
                b.append("   precondition: ").append(p).append('\n');
            }
            b.append("   sql:\n");
            a.sql().forEach(s -> b.append("     ").append(s).append('\n'));
            b.append("   rollback:").append(a.rollback().isEmpty() ? " (none)" : "").append('\n');
            a.rollback().forEach(s -> b.append("     ").append(s).append('\n'));
            if (!a.expectedPostState().isEmpty()) {
                b.append("   expected to PASS after: ").append(String.join(", ", a.expectedPostState())).append('\n');
            }
        }
        if (!plan.skipped().isEmpty()) {
            b.append("\nnot fixed:\n");
            for (SkippedFinding s : plan.skipped()) {
                b.append("  - ").append(s.ruleId()).append(" on ").append(s.instance())
                        .append(s.peer() == null ? "" : " (peer " + s.peer() + ")").append(": ").append(s.reason())
                        .append('\n');
            }
        }
        return b.toString();
    }
}
