package io.mirrorguard.agent.http;

/** How much of a client's input an error body may echo back. */
final class HttpErrors {
    /**
     * An error detail (which may quote a parameter, path or body the client sent) is cut to this many characters:
     * enough to recognise the value, never a reflected payload of any size.
     */
    static final int MAX_ECHO = 200;

    private HttpErrors() {
    }

    /** {@code input} itself when short, else its first {@link #MAX_ECHO} characters and how many were left out. */
    static String echo(String input) {
        if (input == null || input.length() <= MAX_ECHO) {
            return input;
        }
        return input.substring(0, MAX_ECHO) + "… (" + (input.length() - MAX_ECHO) + " more characters)";
    }
}
