package io.mirrorguard.rules.model;

/**
 * A link given by name in the configuration, for estates where the agent cannot see every side of a session.
 *
 * @param role PARTNER (a and b are mirroring partners or AG replicas) or WITNESS (a is the witness of b)
 */
public record DeclaredLink(String a, String b, LinkRole role) {}
