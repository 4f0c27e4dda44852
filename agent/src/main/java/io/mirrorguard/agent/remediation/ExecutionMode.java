package io.mirrorguard.agent.remediation;

/** DRY_RUN journals and reports what would run but opens no connection and sends nothing. */
public enum ExecutionMode { DRY_RUN, APPLY }
