package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.tsql.Cursor;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CREATE / ALTER / DROP AVAILABILITY GROUP as documented (CREATE AVAILABILITY GROUP, ALTER AVAILABILITY GROUP):
 * parsing here, the work in {@link AvailabilityGroupOps}. Option values outside the documented keywords are syntax
 * errors, as the parser of SQL Server rejects them.
 */
final class AvailabilityGroupDdl {

    /** One REPLICA ON (or, for a distributed group, AVAILABILITY GROUP ON) entry: the name and its options. */
    record ReplicaSpec(String name, Map<String, String> options, int line) {}

    /** CREATE's WITH options, FOR DATABASE list, and replica (or member group) entries. */
    record CreateSpec(String name, Map<String, String> options, List<String> databases, List<ReplicaSpec> replicas,
                      boolean distributed) {}

    private static final Map<String, Set<String>> GROUP_OPTIONS = Map.of(
        "AUTOMATED_BACKUP_PREFERENCE", Set.of("PRIMARY", "SECONDARY_ONLY", "SECONDARY", "NONE"),
        "DB_FAILOVER", Set.of("ON", "OFF"),
        "DTC_SUPPORT", Set.of("PER_DB", "NONE"),
        "CLUSTER_TYPE", Set.of("WSFC", "EXTERNAL", "NONE"));
    private static final Set<String> NUMERIC_GROUP_OPTIONS = Set.of("FAILURE_CONDITION_LEVEL", "HEALTH_CHECK_TIMEOUT",
        "REQUIRED_SYNCHRONIZED_SECONDARIES_TO_COMMIT");
    private static final Set<String> BARE_GROUP_OPTIONS = Set.of("BASIC", "DISTRIBUTED", "CONTAINED",
        "REUSE_SYSTEM_DATABASES");

    private static final Map<String, Set<String>> REPLICA_OPTIONS = Map.of(
        "AVAILABILITY_MODE", Set.of("SYNCHRONOUS_COMMIT", "ASYNCHRONOUS_COMMIT", "CONFIGURATION_ONLY"),
        "FAILOVER_MODE", Set.of("AUTOMATIC", "MANUAL", "EXTERNAL"),
        "SEEDING_MODE", Set.of("AUTOMATIC", "MANUAL"));
    private static final Set<String> URL_OPTIONS = Set.of("ENDPOINT_URL", "LISTENER_URL");
    private static final Set<String> NUMERIC_REPLICA_OPTIONS = Set.of("BACKUP_PRIORITY", "SESSION_TIMEOUT");

    private final Cursor c;

    AvailabilityGroupDdl(Cursor c) {
        this.c = c;
    }

    Statements.Stmt create(int line) {
        String name = c.identifier();
        Map<String, String> options = new LinkedHashMap<>();
        if (c.accept("WITH")) {
            c.expectSymbol("(");
            do groupOption(options, true); while (c.acceptSymbol(","));
            c.expectSymbol(")");
        }
        boolean distributed = options.containsKey("DISTRIBUTED");
        List<String> databases = new ArrayList<>();
        List<ReplicaSpec> replicas;
        if (distributed) {
            c.expect("AVAILABILITY");
            c.expect("GROUP");
            c.expect("ON");
            replicas = specs(true);
        } else {
            c.expect("FOR");
            if (c.accept("DATABASE")) {
                do databases.add(c.identifier()); while (c.acceptSymbol(","));
            }
            c.expect("REPLICA");
            c.expect("ON");
            replicas = specs(false);
        }
        skipListener();
        CreateSpec spec = new CreateSpec(name, options, databases, replicas, distributed);
        return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.create(s, spec));
    }

    Statements.Stmt drop(int line) {
        String name = c.identifier();
        return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.drop(s, name));
    }

    Statements.Stmt alter(int line) {
        String name = c.identifier();
        Token verb = c.next();
        switch (verb.upper()) {
            case "SET" -> {
                Map<String, String> options = new LinkedHashMap<>();
                c.expectSymbol("(");
                do {
                    if (c.peek().is("ROLE")) {
                        c.next();
                        c.expectSymbol("=");
                        Token v = c.next();
                        if (!v.is("SECONDARY")) throw Errors.syntax(v.shown(), v.line());
                        options.put("ROLE", "SECONDARY");
                    } else {
                        groupOption(options, false);
                    }
                } while (c.acceptSymbol(","));
                c.expectSymbol(")");
                return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.set(s, name, options));
            }
            case "ADD" -> {
                if (c.accept("DATABASE")) {
                    List<String> dbs = new ArrayList<>();
                    do dbs.add(c.identifier()); while (c.acceptSymbol(","));
                    return Statements.stmt(line, (s, o) -> AvailabilityDatabaseOps.addDatabases(s, name, dbs));
                }
                if (c.accept("LISTENER")) {
                    c.next();
                    skipParens();
                    return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.requirePrimary(s, name));
                }
                c.expect("REPLICA");
                c.expect("ON");
                List<ReplicaSpec> specs = specs(false);
                return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.addReplicas(s, name, specs));
            }
            case "REMOVE" -> {
                if (c.accept("DATABASE")) {
                    String db = c.identifier();
                    return Statements.stmt(line, (s, o) -> AvailabilityDatabaseOps.removeDatabase(s, name, db));
                }
                c.expect("REPLICA");
                c.expect("ON");
                String server = c.string();
                return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.removeReplica(s, name, server));
            }
            case "MODIFY" -> {
                boolean member = c.accept("AVAILABILITY");
                if (member) {
                    c.expect("GROUP");
                } else {
                    c.expect("REPLICA");
                }
                c.expect("ON");
                List<ReplicaSpec> specs = specs(member);
                return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.modifyReplicas(s, name, specs));
            }
            case "JOIN" -> {
                if (c.accept("AVAILABILITY")) {
                    c.expect("GROUP");
                    c.expect("ON");
                    List<ReplicaSpec> specs = specs(true);
                    return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.joinDistributed(s, name, specs));
                }
                String clusterType = "WSFC";
                if (c.accept("WITH")) {
                    c.expectSymbol("(");
                    c.expect("CLUSTER_TYPE");
                    c.expectSymbol("=");
                    Token v = c.next();
                    if (!GROUP_OPTIONS.get("CLUSTER_TYPE").contains(v.upper())) throw Errors.syntax(v.shown(), v.line());
                    clusterType = v.upper();
                    c.expectSymbol(")");
                }
                String type = clusterType;
                return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.join(s, name, type));
            }
            case "GRANT", "DENY" -> {
                c.expect("CREATE");
                c.expect("ANY");
                c.expect("DATABASE");
                boolean grant = verb.is("GRANT");
                return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.grantCreateAnyDatabase(s, name, grant));
            }
            case "FAILOVER" -> { return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.failover(s, name, false)); }
            case "FORCE_FAILOVER_ALLOW_DATA_LOSS" -> {
                return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.failover(s, name, true));
            }
            case "OFFLINE" -> { return Statements.stmt(line, (s, o) -> AvailabilityGroupOps.requirePrimary(s, name)); }
            default -> throw Errors.syntax(verb.shown(), verb.line());
        }
    }

    /** One NAME = value (or bare) option of WITH (...) / SET (...); a repeated option is a syntax error. */
    private void groupOption(Map<String, String> options, boolean create) {
        Token k = c.next();
        String key = k.upper();
        if (k.kind() != Token.Kind.WORD || options.containsKey(key)) throw Errors.syntax(k.shown(), k.line());
        if (BARE_GROUP_OPTIONS.contains(key) && create) {
            options.put(key, "ON");
            return;
        }
        if (!GROUP_OPTIONS.containsKey(key) && !NUMERIC_GROUP_OPTIONS.contains(key)) throw Errors.syntax(k.shown(), k.line());
        c.expectSymbol("=");
        if (NUMERIC_GROUP_OPTIONS.contains(key)) {
            options.put(key, Integer.toString(c.integer()));
            return;
        }
        Token v = c.next();
        if (!GROUP_OPTIONS.get(key).contains(v.upper()) || v.kind() != Token.Kind.WORD) throw Errors.syntax(v.shown(), v.line());
        options.put(key, v.upper());
    }

    private List<ReplicaSpec> specs(boolean memberGroups) {
        List<ReplicaSpec> specs = new ArrayList<>();
        do {
            int line = c.peek().line();
            String server = c.string();
            c.expect("WITH");
            c.expectSymbol("(");
            Map<String, String> options = new LinkedHashMap<>();
            do replicaOption(options, memberGroups); while (c.acceptSymbol(","));
            c.expectSymbol(")");
            specs.add(new ReplicaSpec(server, options, line));
        } while (c.acceptSymbol(","));
        return specs;
    }

    private void replicaOption(Map<String, String> options, boolean memberGroup) {
        Token k = c.next();
        String key = k.upper();
        if (k.kind() != Token.Kind.WORD || options.containsKey(key)) throw Errors.syntax(k.shown(), k.line());
        if (!memberGroup && (key.equals("SECONDARY_ROLE") || key.equals("PRIMARY_ROLE"))) {
            roleOptions(key, options);
            return;
        }
        boolean allowed = REPLICA_OPTIONS.containsKey(key) || NUMERIC_REPLICA_OPTIONS.contains(key) && !memberGroup
            || key.equals(memberGroup ? "LISTENER_URL" : "ENDPOINT_URL");
        if (!allowed) throw Errors.syntax(k.shown(), k.line());
        c.expectSymbol("=");
        if (URL_OPTIONS.contains(key)) {
            options.put(key, c.string());
        } else if (NUMERIC_REPLICA_OPTIONS.contains(key)) {
            options.put(key, Integer.toString(c.integer()));
        } else {
            Token v = c.next();
            if (v.kind() != Token.Kind.WORD || !REPLICA_OPTIONS.get(key).contains(v.upper())) throw Errors.syntax(v.shown(), v.line());
            options.put(key, v.upper());
        }
    }

    /** SECONDARY_ROLE ( ALLOW_CONNECTIONS = ..., READ_ONLY_ROUTING_URL = '...' ) and PRIMARY_ROLE ( ... ). */
    private void roleOptions(String role, Map<String, String> options) {
        options.put(role, "ON");
        c.expectSymbol("(");
        do {
            Token k = c.next();
            String key = k.upper();
            c.expectSymbol("=");
            switch (key) {
                case "ALLOW_CONNECTIONS" -> {
                    Token v = c.next();
                    Set<String> ok = role.equals("SECONDARY_ROLE") ? Set.of("NO", "READ_ONLY", "ALL") : Set.of("READ_WRITE", "ALL");
                    if (!ok.contains(v.upper())) throw Errors.syntax(v.shown(), v.line());
                    options.put(role + ".ALLOW_CONNECTIONS", v.upper());
                }
                case "READ_ONLY_ROUTING_URL", "READ_WRITE_ROUTING_URL" -> options.put(role + "." + key, c.string());
                case "READ_ONLY_ROUTING_LIST" -> {
                    if (!c.accept("NONE")) skipParens();
                }
                default -> throw Errors.syntax(k.shown(), k.line());
            }
        } while (c.acceptSymbol(","));
        c.expectSymbol(")");
    }

    /** LISTENER 'dns' ( WITH DHCP ... | WITH IP (...) [, PORT = n] ): listeners are not simulated. */
    private void skipListener() {
        if (!c.accept("LISTENER")) return;
        c.string();
        skipParens();
    }

    private void skipParens() {
        int depth = 0;
        do {
            Token t = c.next();
            if (t.kind() == Token.Kind.EOF) throw c.error();
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
        } while (depth > 0);
    }
}
