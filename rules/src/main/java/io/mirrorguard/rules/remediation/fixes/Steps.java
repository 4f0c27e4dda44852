package io.mirrorguard.rules.remediation.fixes;

/** Execution order across a plan: keys before certificates, trust before grants, grants before revokes. */
final class Steps {
    static final int MASTER_KEY = 10;
    static final int BACKUP = 20;
    static final int TRUST = 30;
    static final int GRANT = 40;
    static final int START = 50;
    static final int SEEDING_GRANT = 55;
    static final int ENCRYPTION_WIDEN = 60;
    static final int ENCRYPTION_NARROW = 70;
    static final int REVOKE_PUBLIC = 80;
    static final int STALE_CLEANUP = 90;
    static final int MANUAL_REVIEW = 100;

    private Steps() {}
}
