package io.mirrorguard.simulator.engine.tsql;

import java.util.Locale;

/**
 * One lexical token of a T-SQL batch.
 *
 * @param text the token as written (for STRING: the decoded value; for QUOTED_ID: the name without brackets)
 * @param line 1-based line of the batch where the token starts
 */
public record Token(Kind kind, String text, int line) {

    public enum Kind { WORD, QUOTED_ID, STRING, NSTRING, NUMBER, HEX, VARIABLE, SYSVAR, SYMBOL, EOF }

    /** True for an unquoted word equal (case-insensitively) to {@code keyword}. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String s) {
        return kind == Kind.SYMBOL && text.equals(s);
    }

    /** True for a word or [quoted] identifier. */
    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_ID;
    }

    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** How the token appears in an error message such as "Incorrect syntax near 'x'.". */
    public String shown() {
        return switch (kind) {
            case STRING -> text;
            case NSTRING -> text;
            case QUOTED_ID -> text;
            case EOF -> "";
            default -> text;
        };
    }
}
