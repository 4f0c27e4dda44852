package io.mirrorguard.simulator.engine.model;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One database of an instance with its security metadata. */
public final class Database {
    public final int id;
    public final String name;
    /** ONLINE or RESTORING. */
    public String state = "ONLINE";
    /** FULL, SIMPLE or BULK_LOGGED. */
    public String recoveryModel;
    public final LocalDateTime createDate;
    public int ownerSidLogin = 1;
    public MasterKey masterKey;
    public final Map<String, Certificate> certificates = new LinkedHashMap<>();
    public final Map<String, DatabasePrincipal> principals = new LinkedHashMap<>();
    public MirroringConfig mirroring;
    /** The availability group this copy of the database joined (group_id), null when it joined none. */
    public java.util.UUID availabilityGroupId;
    /** Its group_database_id in that group. */
    public java.util.UUID groupDatabaseId;
    /** Whether a full backup was taken since the database was created or restored (needed for BACKUP LOG). */
    public boolean fullBackupTaken;
    public int nextCertificateId = 256;
    public int nextPrincipalId = 5;

    public Database(int id, String name, String recoveryModel, LocalDateTime created) {
        this.id = id;
        this.name = name;
        this.recoveryModel = recoveryModel;
        this.createDate = created;
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Optional<Certificate> certificate(String name) {
        return Optional.ofNullable(certificates.get(key(name)));
    }

    public Optional<Certificate> certificateById(int id) {
        return certificates.values().stream().filter(c -> c.id == id).findFirst();
    }

    public Optional<DatabasePrincipal> principal(String name) {
        return Optional.ofNullable(principals.get(key(name)));
    }

    public Optional<DatabasePrincipal> principalById(int id) {
        return principals.values().stream().filter(p -> p.id == id).findFirst();
    }

    public Optional<DatabasePrincipal> userForSid(byte[] sid) {
        return principals.values().stream()
            .filter(p -> p.sid != null && p.type != 'R' && java.util.Arrays.equals(p.sid, sid)).findFirst();
    }

    public int stateCode() {
        return switch (state) {
            case "ONLINE" -> 0;
            case "RESTORING" -> 1;
            case "RECOVERING" -> 2;
            case "RECOVERY_PENDING" -> 3;
            case "SUSPECT" -> 4;
            case "EMERGENCY" -> 5;
            case "OFFLINE" -> 6;
            default -> 0;
        };
    }

    public int recoveryModelCode() {
        return switch (recoveryModel) {
            case "FULL" -> 1;
            case "BULK_LOGGED" -> 2;
            default -> 3;
        };
    }

    public Database copy() {
        Database d = new Database(id, name, recoveryModel, createDate);
        d.state = state;
        d.ownerSidLogin = ownerSidLogin;
        d.masterKey = masterKey == null ? null : masterKey.copy();
        certificates.forEach((k, v) -> d.certificates.put(k, v.copy()));
        principals.forEach((k, v) -> d.principals.put(k, v.copy()));
        d.mirroring = mirroring == null ? null : mirroring.copy();
        d.availabilityGroupId = availabilityGroupId;
        d.groupDatabaseId = groupDatabaseId;
        d.fullBackupTaken = fullBackupTaken;
        d.nextCertificateId = nextCertificateId;
        d.nextPrincipalId = nextPrincipalId;
        return d;
    }
}
