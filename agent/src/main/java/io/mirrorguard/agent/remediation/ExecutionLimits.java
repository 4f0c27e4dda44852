package io.mirrorguard.agent.remediation;

/**
 * Guardrails for one run.
 *
 * @param maxActions                 at most this many actions per run (the rest are skipped, not failed)
 * @param maxActionsPerInstance      at most this many per instance per run
 * @param stopAfterConsecutiveErrors stop the run after this many failed actions in a row
 * @param allowDisruptive            whether DISRUPTIVE actions may run now (explicit apply, or inside a window)
 */
public record ExecutionLimits(int maxActions, int maxActionsPerInstance, int stopAfterConsecutiveErrors,
                              boolean allowDisruptive) {

    public ExecutionLimits {
        if (maxActions < 1 || maxActionsPerInstance < 1 || stopAfterConsecutiveErrors < 1) {
            throw new IllegalArgumentException("remediation limits must be at least 1");
        }
    }

    /**
     * What an operator's explicit {@code apply --plan HASH} allows: the whole reviewed plan. A failed action stops
     * only the later actions on its instance; no consecutive-error stop.
     */
    public static ExecutionLimits explicitApply() {
        return new ExecutionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, true);
    }
}
