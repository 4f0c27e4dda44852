package io.mirrorguard.simulator.engine.model;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything one simulated instance knows: principals, permissions, endpoints and databases. */
public final class InstanceState {
    public final Map<String, ServerPrincipal> serverPrincipals = new LinkedHashMap<>();
    /** "roleId:memberId". */
    public final Set<String> roleMembers = new LinkedHashSet<>();
    public final List<Permission> serverPermissions = new ArrayList<>();
    public final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    public final Map<String, Database> databases = new LinkedHashMap<>();
    public int nextServerPrincipalId = 267;
    public int nextEndpointId = 65536;
    public int nextDatabaseId = 5;
    /** Backups written by BACKUP DATABASE/LOG: file path → database name. */
    public final Map<String, String> backups = new LinkedHashMap<>();

    public Optional<ServerPrincipal> principal(String name) {
        return Optional.ofNullable(serverPrincipals.get(Database.key(name)));
    }

    public Optional<ServerPrincipal> principalById(int id) {
        return serverPrincipals.values().stream().filter(p -> p.id == id).findFirst();
    }

    public Optional<ServerPrincipal> loginForSid(byte[] sid) {
        return serverPrincipals.values().stream().filter(p -> Arrays.equals(p.sid, sid)).findFirst();
    }

    public Optional<Endpoint> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(Database.key(name)));
    }

    public Optional<Endpoint> mirroringEndpoint() {
        return endpoints.values().stream().filter(Endpoint::isMirroring).findFirst();
    }

    public Optional<Database> database(String name) {
        return Optional.ofNullable(databases.get(Database.key(name)));
    }

    public Optional<Database> databaseById(int id) {
        return databases.values().stream().filter(d -> d.id == id).findFirst();
    }

    public Database master() {
        return databases.get("master");
    }

    public boolean isMember(int roleId, int memberId) {
        return roleMembers.contains(roleId + ":" + memberId);
    }

    /** A deep copy, used to undo a rolled-back user transaction. */
    public InstanceState copy() {
        InstanceState s = new InstanceState();
        serverPrincipals.forEach((k, v) -> s.serverPrincipals.put(k, v.copy()));
        s.roleMembers.addAll(roleMembers);
        s.serverPermissions.addAll(serverPermissions);
        endpoints.forEach((k, v) -> s.endpoints.put(k, v.copy()));
        databases.forEach((k, v) -> s.databases.put(k, v.copy()));
        s.nextServerPrincipalId = nextServerPrincipalId;
        s.nextEndpointId = nextEndpointId;
        s.nextDatabaseId = nextDatabaseId;
        s.backups.putAll(backups);
        return s;
    }

    public void restoreFrom(InstanceState o) {
        serverPrincipals.clear();
        serverPrincipals.putAll(o.serverPrincipals);
        roleMembers.clear();
        roleMembers.addAll(o.roleMembers);
        serverPermissions.clear();
        serverPermissions.addAll(o.serverPermissions);
        endpoints.clear();
        endpoints.putAll(o.endpoints);
        databases.clear();
        databases.putAll(o.databases);
        nextServerPrincipalId = o.nextServerPrincipalId;
        nextEndpointId = o.nextEndpointId;
        nextDatabaseId = o.nextDatabaseId;
        backups.clear();
        backups.putAll(o.backups);
    }

    public static LocalDateTime epoch() {
        return LocalDateTime.of(2003, 4, 8, 9, 10, 35, 460_000_000);
    }
}
