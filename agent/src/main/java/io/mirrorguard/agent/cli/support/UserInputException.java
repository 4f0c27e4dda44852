package io.mirrorguard.agent.cli.support;

/**
 * Input the user gave cannot be used (file missing, JSON or config invalid). Printed as one clear message, never a
 * stack trace, and mapped to exit code 2.
 */
public final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
