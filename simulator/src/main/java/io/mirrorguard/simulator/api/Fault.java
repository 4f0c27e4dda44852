package io.mirrorguard.simulator.api;

/**
 * A fault injected by the scenario extension {@code :fault NAME KIND [ARG]}. The wire layer applies UNREACHABLE
 * (refuse connections), LOGIN_FAILED (18456 for every login), SLOW (delay every response by {@code millis}) and
 * DROP_CONNECTION (close the socket in the middle of the first result of a catalog read); the engine applies
 * HIDE_CATALOG (the audit login loses its catalog permissions).
 */
public record Fault(Kind kind, long millis) {
    public enum Kind { NONE, UNREACHABLE, LOGIN_FAILED, SLOW, DROP_CONNECTION, HIDE_CATALOG }

    public static final Fault NONE = new Fault(Kind.NONE, 0);
}
