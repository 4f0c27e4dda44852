package io.mirrorguard.simulator.scenario;

/**
 * A scenario could not be parsed or one of its batches failed. The message always starts with {@code FILE:LINE: }
 * so that the author can jump to the offending line.
 */
public class ScenarioException extends RuntimeException {
    private final SourceLine where;

    public ScenarioException(SourceLine where, String message) {
        super(where + ": " + message);
        this.where = where;
    }

    public ScenarioException(SourceLine where, String message, Throwable cause) {
        super(where + ": " + message, cause);
        this.where = where;
    }

    public SourceLine where() {
        return where;
    }
}
