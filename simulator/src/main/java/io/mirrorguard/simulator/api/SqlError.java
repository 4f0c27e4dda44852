package io.mirrorguard.simulator.api;

/** A SQL Server error: number, severity, state and message as SQL Server would send them. */
public class SqlError extends RuntimeException {
    private final int number;
    private final int severity;
    private final int state;
    private final int line;

    public SqlError(int number, int severity, int state, String message) {
        this(number, severity, state, message, 1);
    }

    public SqlError(int number, int severity, int state, String message, int line) {
        super(message);
        this.number = number;
        this.severity = severity;
        this.state = state;
        this.line = line;
    }

    public int number() { return number; }
    public int severity() { return severity; }
    public int state() { return state; }
    public int line() { return line; }

    public SqlError atLine(int newLine) {
        return new SqlError(number, severity, state, getMessage(), newLine);
    }

    /** "Msg N, Level S, State T, Line L" then the text, as sqlcmd prints it. */
    public String describe() {
        return "Msg " + number + ", Level " + severity + ", State " + state + ", Line " + line + ": " + getMessage();
    }
}
