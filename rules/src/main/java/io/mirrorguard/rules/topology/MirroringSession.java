package io.mirrorguard.rules.topology;

import java.util.UUID;

/**
 * A database mirroring session as the audited instances report it.
 *
 * @param witness null without witness, or when the witness address matched no audited instance
 */
public record MirroringSession(UUID mirroringGuid, String databaseName, String principal, String mirror,
                               String witness) {}
