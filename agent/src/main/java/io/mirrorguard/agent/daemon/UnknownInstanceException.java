package io.mirrorguard.agent.daemon;

/** An audit was asked for an instance the configuration does not name. */
public final class UnknownInstanceException extends RuntimeException {
    private final String instance;

    public UnknownInstanceException(String instance) {
        super("unknown instance " + instance);
        this.instance = instance;
    }

    public String instance() {
        return instance;
    }
}
