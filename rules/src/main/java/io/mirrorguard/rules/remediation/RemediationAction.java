package io.mirrorguard.rules.remediation;

import java.util.List;

/**
 * One fix: the exact T-SQL a careful DBA would type, where it runs, and what it should achieve.
 *
 * @param instance          the instance the statements run on (always in master)
 * @param peer              the other instance for link and trust fixes, else null
 * @param step              orders actions across a plan (lower first); equal steps keep planning order
 * @param preconditions     what must hold before applying, in words (checked by the executor where it can)
 * @param sql               statements, each sent as its own batch; secrets only as {@link Placeholder}s
 * @param rollback          statements that undo the action where that is possible, else empty
 * @param expectedPostState the finding(s) that must PASS after the next audit, as {@code ruleId@instance[<-peer]}
 */
public record RemediationAction(
        String ruleId,
        String instance,
        String peer,
        String subject,
        Risk risk,
        int step,
        String summary,
        List<String> preconditions,
        List<String> sql,
        List<String> rollback,
        List<String> expectedPostState) {

    public RemediationAction {
        preconditions = List.copyOf(preconditions);
        sql = List.copyOf(sql);
        rollback = List.copyOf(rollback);
        expectedPostState = List.copyOf(expectedPostState);
        if (sql.isEmpty()) {
            throw new IllegalArgumentException("an action needs at least one statement");
        }
    }
}
