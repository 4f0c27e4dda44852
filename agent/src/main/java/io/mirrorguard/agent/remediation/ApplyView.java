package io.mirrorguard.agent.remediation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How an apply result is reported (CLI and HTTP alike). */
public final class ApplyView {

    private ApplyView() {}

    public static Map<String, Object> json(RemediationService.ApplyResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reviewedHash", r.reviewedHash());
        m.put("currentHash", r.currentHash());
        m.put("applied", r.applied());
        if (!r.applied()) {
            m.put("error", "fleet changed since the plan was reviewed");
        }
        m.put("allFixed", r.allFixed());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (RemediationService.ActionReport a : r.actions()) {
            Map<String, Object> e = PlanView.action(a.outcome().action());
            e.put("journalId", a.outcome().journalId());
            e.put("status", a.outcome().status().name());
            e.put("detail", a.outcome().detail());
            e.put("postAudit", a.verdict() == null ? null : a.verdict().summary());
            e.put("fixed", a.fixed());
            actions.add(e);
        }
        m.put("actions", actions);
        return m;
    }

    public static String text(RemediationService.ApplyResult r) {
        StringBuilder b = new StringBuilder();
        if (!r.applied()) {
            b.append("not applied: fleet changed since the plan was reviewed (reviewed ").append(r.reviewedHash())
                    .append(", now ").append(r.currentHash()).append(")\n");
            return b.toString();
        }
        b.append("applied plan ").append(r.currentHash()).append(": ").append(r.actions().size())
                .append(" action(s)\n");
        for (RemediationService.ActionReport a : r.actions()) {
            var act = a.outcome().action();
            b.append("  ").append(a.fixed() ? "FIXED   " : a.outcome().status() + " ").append(act.ruleId())
                    .append(" on ").append(act.instance()).append(act.peer() == null ? "" : " (peer " + act.peer() + ")");
            if (a.verdict() != null) {
                b.append("  after: ").append(a.verdict().summary());
            }
            if (a.outcome().status() != JournalEntry.Status.SUCCEEDED) {
                b.append("\n    ").append(a.outcome().detail());
            }
            b.append('\n');
        }
        b.append(r.allFixed() ? "every action succeeded and its finding now passes\n"
                : "not every action is fixed: see above and `mirrorguard journal`\n");
        return b.toString();
    }
}
