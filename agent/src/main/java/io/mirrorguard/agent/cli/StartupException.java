package io.mirrorguard.agent.cli;

/**
 * A service could not start for a reason outside the user's input (port taken, scenario broken). Printed as one
 * message, exit code 3.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
