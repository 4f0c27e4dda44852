package io.mirrorguard.agent.store;

/** The audit store could not be opened, read or written; the message names the database path. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
