package io.mirrorguard.simulator.engine.model;

import java.time.LocalDateTime;

/** A row of sys.database_principals: a user or a database role. */
public final class DatabasePrincipal {
    public final int id;
    public String name;
    /** S SQL user, U Windows user, R database role, C certificate user. */
    public final char type;
    public final byte[] sid;
    public String defaultSchema;
    public final LocalDateTime createDate;
    public LocalDateTime modifyDate;
    public boolean fixedRole;
    public Integer owningPrincipalId;
    /** 0 NONE, 1 INSTANCE, 2 DATABASE, 3 WINDOWS. */
    public int authenticationType;
    /** Whether the user has CONNECT (guest is disabled by revoking it). */
    public boolean hasConnect = true;

    public DatabasePrincipal(int id, String name, char type, byte[] sid, LocalDateTime created) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.sid = sid;
        this.createDate = created;
        this.modifyDate = created;
    }

    public String typeDesc() {
        return switch (type) {
            case 'S' -> "SQL_USER";
            case 'U' -> "WINDOWS_USER";
            case 'G' -> "WINDOWS_GROUP";
            case 'R' -> "DATABASE_ROLE";
            case 'C' -> "CERTIFICATE_MAPPED_USER";
            case 'K' -> "ASYMMETRIC_KEY_MAPPED_USER";
            case 'A' -> "APPLICATION_ROLE";
            default -> "UNKNOWN";
        };
    }

    public String authenticationTypeDesc() {
        return switch (authenticationType) {
            case 1 -> "INSTANCE";
            case 2 -> "DATABASE";
            case 3 -> "WINDOWS";
            default -> "NONE";
        };
    }

    public DatabasePrincipal copy() {
        DatabasePrincipal p = new DatabasePrincipal(id, name, type, sid, createDate);
        p.defaultSchema = defaultSchema;
        p.modifyDate = modifyDate;
        p.fixedRole = fixedRole;
        p.owningPrincipalId = owningPrincipalId;
        p.authenticationType = authenticationType;
        p.hasConnect = hasConnect;
        return p;
    }
}
