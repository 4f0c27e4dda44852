package io.mirrorguard.simulator.scenario;

/** A line of a scenario file, used to point errors at {@code file:line}. */
public record SourceLine(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
