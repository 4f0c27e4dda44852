package io.mirrorguard.simulator.engine.model;

import java.time.LocalDateTime;

/** A row of sys.server_principals: a login or a server role. */
public final class ServerPrincipal {
    public final int id;
    public String name;
    public final byte[] sid;
    /** S SQL login, U Windows login, G Windows group, R server role, C certificate-mapped login. */
    public final char type;
    public boolean disabled;
    public final LocalDateTime createDate;
    public LocalDateTime modifyDate;
    public String defaultDatabase = "master";
    public boolean fixedRole;
    public Integer owningPrincipalId;
    /** Salted hash of the password for SQL logins; never the password itself. */
    public byte[] passwordHash;
    public byte[] passwordSalt;
    /** CHECK_POLICY (default ON) and CHECK_EXPIRATION (default OFF) of a SQL login. */
    public boolean policyChecked = true;
    public boolean expirationChecked;
    /** For type C: the master certificate id the login is mapped to. */
    public Integer certificateId;

    public ServerPrincipal(int id, String name, byte[] sid, char type, LocalDateTime created) {
        this.id = id;
        this.name = name;
        this.sid = sid;
        this.type = type;
        this.createDate = created;
        this.modifyDate = created;
    }

    public String typeDesc() {
        return switch (type) {
            case 'S' -> "SQL_LOGIN";
            case 'U' -> "WINDOWS_LOGIN";
            case 'G' -> "WINDOWS_GROUP";
            case 'R' -> "SERVER_ROLE";
            case 'C' -> "CERTIFICATE_MAPPED_LOGIN";
            case 'K' -> "ASYMMETRIC_KEY_MAPPED_LOGIN";
            default -> "UNKNOWN";
        };
    }

    public boolean isRole() {
        return type == 'R';
    }

    public ServerPrincipal copy() {
        ServerPrincipal p = new ServerPrincipal(id, name, sid, type, createDate);
        p.disabled = disabled;
        p.modifyDate = modifyDate;
        p.defaultDatabase = defaultDatabase;
        p.fixedRole = fixedRole;
        p.owningPrincipalId = owningPrincipalId;
        p.passwordHash = passwordHash;
        p.passwordSalt = passwordSalt;
        p.policyChecked = policyChecked;
        p.expirationChecked = expirationChecked;
        p.certificateId = certificateId;
        return p;
    }
}
