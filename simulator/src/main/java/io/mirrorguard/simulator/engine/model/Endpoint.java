package io.mirrorguard.simulator.engine.model;

import java.time.LocalDateTime;

/** An endpoint; user endpoints are DATABASE_MIRRORING over TCP, system ones are the TSQL endpoints. */
public final class Endpoint {
    public final int id;
    public String name;
    public Integer ownerId;
    /** 1 HTTP, 2 TCP, 3 NAMED_PIPES, 4 SHARED_MEMORY, 5 VIA. */
    public int protocol = 2;
    /** 2 TSQL, 3 SERVICE_BROKER, 4 DATABASE_MIRRORING. */
    public int type = 4;
    /** 0 STARTED, 1 STOPPED, 2 DISABLED. */
    public int state = 1;
    public boolean adminEndpoint;
    public int port;
    public boolean dynamicPort;
    /** null for LISTENER_IP = ALL. */
    public String ipAddress;
    /** 1 PARTNER, 2 WITNESS, 3 ALL. */
    public int role;
    /** connection_auth 1..10 as documented for sys.database_mirroring_endpoints. */
    public int connectionAuth = 3;
    /** master certificate id used for authentication, 0 for Windows only. */
    public int certificateId;
    /** encryption_algorithm 0..8 as documented. */
    public int encryptionAlgorithm = 2;
    public final LocalDateTime created;

    public Endpoint(int id, String name, LocalDateTime created) {
        this.id = id;
        this.name = name;
        this.created = created;
    }

    public boolean isSystem() {
        return id < 65536;
    }

    public boolean isMirroring() {
        return type == 4;
    }

    public static String protocolDesc(int p) {
        return switch (p) {
            case 1 -> "HTTP";
            case 2 -> "TCP";
            case 3 -> "NAMED_PIPES";
            case 4 -> "SHARED_MEMORY";
            case 5 -> "VIA";
            default -> "UNKNOWN";
        };
    }

    public static String typeDesc(int t) {
        return switch (t) {
            case 1 -> "SOAP";
            case 2 -> "TSQL";
            case 3 -> "SERVICE_BROKER";
            case 4 -> "DATABASE_MIRRORING";
            default -> "UNKNOWN";
        };
    }

    public static String stateDesc(int s) {
        return switch (s) {
            case 0 -> "STARTED";
            case 1 -> "STOPPED";
            case 2 -> "DISABLED";
            default -> "UNKNOWN";
        };
    }

    public static String roleDesc(int r) {
        return switch (r) {
            case 1 -> "PARTNER";
            case 2 -> "WITNESS";
            case 3 -> "ALL";
            default -> "NONE";
        };
    }

    private static final String[] AUTH = {null, "NTLM", "KERBEROS", "NEGOTIATE", "CERTIFICATE", "NTLM, CERTIFICATE",
        "KERBEROS, CERTIFICATE", "NEGOTIATE, CERTIFICATE", "CERTIFICATE, NTLM", "CERTIFICATE, KERBEROS",
        "CERTIFICATE, NEGOTIATE"};

    public static String authDesc(int a) {
        return a >= 1 && a < AUTH.length ? AUTH[a] : null;
    }

    private static final String[] ALG = {"NONE", "RC4", "AES", "NONE, RC4", "NONE, AES", "RC4, AES", "AES, RC4",
        "NONE, RC4, AES", "NONE, AES, RC4"};

    public static String algorithmDesc(int a) {
        return a >= 0 && a < ALG.length ? ALG[a] : null;
    }

    public boolean usesCertificate() {
        return connectionAuth >= 4;
    }

    public boolean usesWindows() {
        return connectionAuth != 4;
    }

    public Endpoint copy() {
        Endpoint e = new Endpoint(id, name, created);
        e.ownerId = ownerId;
        e.protocol = protocol;
        e.type = type;
        e.state = state;
        e.adminEndpoint = adminEndpoint;
        e.port = port;
        e.dynamicPort = dynamicPort;
        e.ipAddress = ipAddress;
        e.role = role;
        e.connectionAuth = connectionAuth;
        e.certificateId = certificateId;
        e.encryptionAlgorithm = encryptionAlgorithm;
        return e;
    }
}
