package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;

/** Checklist marks: Unicode for terminals and pages, ASCII for logs and old consoles. */
public final class Marks {

    private Marks() {}

    public static String of(Finding f, boolean ascii) {
        return of(f.outcome(), ascii);
    }

    public static String of(Outcome o, boolean ascii) {
        if (o == null) {
            return ascii ? "?" : "?";
        }
        return switch (o) {
            case PASS -> ascii ? "+" : "\u2714";
            case FAIL -> ascii ? "x" : "\u2718";
            case NOT_APPLICABLE -> ascii ? "-" : "\u2013";
            case ERROR -> "!";
        };
    }

    /** Short outcome word for tables. */
    public static String word(Outcome o) {
        return o == null ? "?" : o == Outcome.NOT_APPLICABLE ? "N/A" : o.name();
    }
}
