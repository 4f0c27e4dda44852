package io.mirrorguard.rules.model;

import java.time.Instant;

/**
 * A row of sys.server_principals.
 *
 * @param type S SQL login, U Windows login, G Windows group, R server role, C certificate-mapped login, K asymmetric
 *             key-mapped login, E/X external
 * @param sid  hex upper case, no 0x
 */
public record ServerPrincipal(
        String name,
        int principalId,
        String sid,
        String type,
        String typeDesc,
        boolean disabled,
        Instant createDate,
        Instant modifyDate,
        String defaultDatabaseName,
        Integer owningPrincipalId,
        boolean fixedRole) {}
