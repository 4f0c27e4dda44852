package io.mirrorguard.rules.model;

import java.time.Instant;

/**
 * A row of master.sys.database_principals.
 *
 * @param type S SQL user, U Windows user, G Windows group, C certificate-mapped user, K asymmetric key-mapped user,
 *             R database role, A application role, E/X external
 * @param sid  hex upper case, no 0x; joins sys.server_principals.sid for users mapped to logins
 * @param authenticationType 0 NONE (e.g. WITHOUT LOGIN), 1 INSTANCE, 2 DATABASE, 3 WINDOWS
 */
public record DatabasePrincipal(
        String name,
        int principalId,
        String type,
        String typeDesc,
        String sid,
        String defaultSchemaName,
        Instant createDate,
        Instant modifyDate,
        Integer owningPrincipalId,
        boolean fixedRole,
        Integer authenticationType,
        String authenticationTypeDesc) {}
