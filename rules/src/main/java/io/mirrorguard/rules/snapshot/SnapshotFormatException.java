package io.mirrorguard.rules.snapshot;

/**
 * A snapshot text that is not a valid FleetSnapshot; the message starts with the JSON path of the problem, e.g.
 * {@code $.instances[0].endpoints.value[0].state: expected an integer}.
 */
public class SnapshotFormatException extends Exception {
    private final String path;

    public SnapshotFormatException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
