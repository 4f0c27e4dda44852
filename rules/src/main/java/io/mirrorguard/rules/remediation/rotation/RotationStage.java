package io.mirrorguard.rules.remediation.rotation;

/** Where a rotation stands, judged from facts alone. */
public enum RotationStage {
    /** The new certificate does not exist on the instance yet. */
    CREATE_CERTIFICATE,
    /** Some peer lacks the new certificate's public part under the existing trust user. */
    INSTALL_ON_PEERS,
    /** Every peer trusts both certificates; the endpoint still uses the old one (disruptive switch next). */
    SWITCH_ENDPOINT,
    /** The endpoint uses the new certificate but not every session is healthy yet: wait and audit again. */
    VERIFY_SESSIONS,
    /** Sessions are healthy; old copies on peers (and the old certificate) can go. */
    REMOVE_OLD,
    /** Nothing left to do. */
    DONE,
    /** The facts needed to decide were not read, or something is inconsistent: a human must look. */
    BLOCKED
}
