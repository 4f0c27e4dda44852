package io.mirrorguard.rules.remediation;

import java.util.regex.Pattern;

/**
 * Secrets never enter a plan: statements carry placeholders that only the executor resolves, at the last moment,
 * and the journal records the statement with the placeholder, never the value.
 *
 * <p>{@code $(secret:NAME)} is a configured secret (e.g. masterKeyPassword, backupPassword);
 * {@code $(generated:LABEL)} is a fresh random strong password the executor generates, uses once and forgets.
 */
public final class Placeholder {

    /** Matches a placeholder wherever it stands inside a quoted literal. */
    public static final Pattern PATTERN = Pattern.compile("\\$\\((secret|generated):([A-Za-z0-9_.-]+)\\)");

    private Placeholder() {}

    public static String secret(String name) {
        return "$(secret:" + name + ")";
    }

    public static String generated(String label) {
        return "$(generated:" + label + ")";
    }
}
