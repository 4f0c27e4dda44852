package io.mirrorguard.rules.remediation;

import io.mirrorguard.rules.engine.Finding;
import java.util.List;

/** The known fix for one rule: pure T-SQL generation from a FAIL finding and the facts it was judged on. */
public interface Fix {

    String ruleId();

    /**
     * The actions that turn this FAIL into PASS.
     *
     * @throws CannotFix when a needed fact is missing or the fix is not allowed by the options; the planner records
     *                   the reason as a skipped finding
     */
    List<RemediationAction> plan(Finding finding, FixContext ctx) throws CannotFix;

    /** Why a finding cannot be fixed automatically. */
    final class CannotFix extends Exception {
        public CannotFix(String reason) {
            super(reason, null, false, false);
        }
    }
}
