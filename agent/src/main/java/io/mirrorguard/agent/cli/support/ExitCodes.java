package io.mirrorguard.agent.cli.support;

/** Process exit codes, documented in the README; CI pipelines depend on them. */
public final class ExitCodes {

    /** The audit ran and nothing unwaived failed at or above the --fail-on severity. */
    public static final int OK = 0;
    /** The audit ran and at least one unwaived FAIL is at or above the --fail-on severity. */
    public static final int FINDINGS = 1;
    /** Bad command line or bad input (missing file, invalid JSON or config); nothing was audited. */
    public static final int USAGE = 2;
    /** An unexpected failure inside mirrorguard (a bug) or of the environment (port in use). */
    public static final int INTERNAL = 3;

    private ExitCodes() {}
}
