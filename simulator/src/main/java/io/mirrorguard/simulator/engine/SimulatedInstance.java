package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.SqlBackend;
import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.DatabasePrincipal;
import io.mirrorguard.simulator.engine.model.Endpoint;
import io.mirrorguard.simulator.engine.model.InstanceState;
import io.mirrorguard.simulator.engine.model.Permission;
import io.mirrorguard.simulator.engine.model.ServerPrincipal;
import io.mirrorguard.simulator.engine.security.Passwords;
import io.mirrorguard.simulator.engine.security.Permissions;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** One simulated SQL Server 2022 instance. */
public final class SimulatedInstance implements SqlBackend {

    public static final String AUDIT_LOGIN = "mirrorguard_audit";
    public static final String AUDIT_PASSWORD = "MirrorGuard!Audit1";
    static final int[] VERSION = {16, 0, 4135};
    static final String VERSION_TEXT = "Microsoft SQL Server 2022 (RTM-CU15) (KB5041321) - 16.0.4135.4 (X64) \n"
        + "\tJul 10 2024 14:09:09 \n\tCopyright (C) 2022 Microsoft Corporation\n"
        + "\tDeveloper Edition (64-bit) on Linux (mirrorguard simulator) <X64>";

    private final SimulatedFleet fleet;
    private final String name;
    final InstanceState state = new InstanceState();
    private volatile Fault fault = Fault.NONE;
    /**
     * The batches most recently received, oldest first, at most {@link #RECORDED_BATCHES}; guarded by itself. An
     * auditor sends the same ~20 KB batch to an instance every round: kept whole each time, the list grew by that
     * much per batch for the life of the process (~200 MB per round of a 10,000-instance fleet).
     */
    private final ArrayDeque<String> received = new ArrayDeque<>();
    /** How many received batches an instance remembers (tests read them back; the oldest are forgotten). */
    static final int RECORDED_BATCHES = 1000;
    /** How many of the latest recorded batches a new one is compared with, to share one copy of a repeated text. */
    private static final int SHARED_LOOKBACK = 8;
    final List<EngineSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger spids = new AtomicInteger(50);
    final Map<String, AppLocks.Lock> appLocks = new HashMap<>();

    SimulatedInstance(SimulatedFleet fleet, String name, String saPassword) {
        this.fleet = fleet;
        this.name = name;
        bootstrap(saPassword);
    }

    @Override
    public String serverName() {
        return name;
    }

    @Override
    public int[] productVersion() {
        return VERSION.clone();
    }

    @Override
    public SqlSession login(String loginName, String password) throws SqlError {
        fleet.store().lock().lock();
        try {
            ServerPrincipal p = state.principal(loginName).orElse(null);
            if (p == null || p.type != 'S' || p.disabled || !Passwords.matches(password, p.passwordSalt, p.passwordHash)
                || fault.kind() == Fault.Kind.LOGIN_FAILED) {
                throw new SqlError(18456, 14, 1, "Login failed for user '" + loginName + "'.");
            }
            return open(p);
        } finally {
            fleet.store().lock().unlock();
        }
    }

    /** A session as sa in master. */
    public SqlSession adminSession() {
        fleet.store().lock().lock();
        try {
            return open(state.principalById(Permissions.SA).orElseThrow());
        } finally {
            fleet.store().lock().unlock();
        }
    }

    private EngineSession open(ServerPrincipal p) {
        String db = state.database(p.defaultDatabase).map(d -> d.name).orElse("master");
        EngineSession s = new EngineSession(this, p.id, db, spids.incrementAndGet());
        sessions.add(s);
        return s;
    }

    @Override
    public Fault fault() {
        return fault;
    }

    public void setFault(Fault f) {
        fleet.store().lock().lock();
        try {
            this.fault = Objects.requireNonNull(f);
            fleet.changed();
        } finally {
            fleet.store().lock().unlock();
        }
    }

    /** The batch texts received from any session of this instance, in order (the latest {@link #RECORDED_BATCHES}). */
    public List<String> receivedBatches() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public void clearReceivedBatches() {
        synchronized (received) {
            received.clear();
        }
    }

    void record(String batch) {
        synchronized (received) {
            String kept = batch;
            Iterator<String> recent = received.descendingIterator();
            for (int i = 0; i < SHARED_LOOKBACK && recent.hasNext(); i++) {
                String r = recent.next();
                if (r.equals(batch)) {
                    kept = r;
                    break;
                }
            }
            received.addLast(kept);
            if (received.size() > RECORDED_BATCHES) {
                received.removeFirst();
            }
        }
    }

    public SimulatedFleet fleet() {
        return fleet;
    }

    public String name() {
        return name;
    }

    /** The instance's metadata; callers outside the engine must hold no expectations about thread safety. */
    public InstanceState state() {
        return state;
    }

    private void bootstrap(String saPassword) {
        LocalDateTime t0 = InstanceState.epoch();
        LocalDateTime now = fleet.utcNow();
        ServerPrincipal sa = login(1, "sa", new byte[] {1}, t0);
        setPassword(sa, saPassword);
        String[] roles = {"public", "sysadmin", "securityadmin", "serveradmin", "setupadmin", "processadmin",
            "diskadmin", "dbcreator", "bulkadmin"};
        for (int i = 0; i < roles.length; i++) {
            ServerPrincipal r = new ServerPrincipal(2 + i, roles[i], new byte[] {(byte) (2 + i)}, 'R', t0);
            r.fixedRole = !roles[i].equals("public");
            r.owningPrincipalId = 1;
            put(r);
        }
        // SQL Server 2022 fixed server roles (ids follow the classic roles; exact ids UNVERIFIED)
        String[] roles2022 = {"##MS_DatabaseConnector##", "##MS_LoginManager##", "##MS_DatabaseManager##",
            "##MS_ServerStateManager##", "##MS_ServerStateReader##", "##MS_DefinitionReader##",
            "##MS_PerformanceDefinitionReader##", "##MS_SecurityDefinitionReader##",
            "##MS_ServerPerformanceStateReader##", "##MS_ServerSecurityStateReader##"};
        for (int i = 0; i < roles2022.length; i++) {
            ServerPrincipal r = new ServerPrincipal(11 + i, roles2022[i], Passwords.randomBytes(16), 'R', t0);
            r.fixedRole = true;
            r.owningPrincipalId = 1;
            put(r);
        }
        state.roleMembers.add(Permissions.SYSADMIN + ":" + 1);
        state.serverPermissions.add(new Permission(100, 0, 1, 1, Permissions.pad("COSQ"), "CONNECT SQL", 'G'));
        state.serverPermissions.add(new Permission(100, 0, 2, 1, Permissions.pad("VWDB"), "VIEW ANY DATABASE", 'G'));
        String[][] sysEndpoints = {{"Dedicated Admin Connection", "2"}, {"TSQL Local Machine", "4"},
            {"TSQL Named Pipes", "3"}, {"TSQL Default TCP", "2"}, {"TSQL Default VIA", "5"}};
        for (int i = 0; i < sysEndpoints.length; i++) {
            Endpoint e = new Endpoint(i + 1, sysEndpoints[i][0], t0);
            e.protocol = Integer.parseInt(sysEndpoints[i][1]);
            e.type = 2;
            e.state = 0;
            e.ownerId = 1;
            e.adminEndpoint = i == 0;
            e.dynamicPort = e.protocol == 2;
            state.endpoints.put(Database.key(e.name), e);
            if (i > 0) state.serverPermissions.add(new Permission(105, e.id, 2, 1, Permissions.pad("CO"), "CONNECT", 'G'));
        }
        addDatabase(1, "master", "SIMPLE", t0, true);
        addDatabase(2, "tempdb", "SIMPLE", now, true);
        addDatabase(3, "model", "FULL", t0, false);
        addDatabase(4, "msdb", "SIMPLE", t0, false);
        ServerPrincipal audit = login(state.nextServerPrincipalId++, AUDIT_LOGIN, Passwords.randomBytes(16), now);
        setPassword(audit, AUDIT_PASSWORD);
        state.serverPermissions.add(new Permission(100, 0, audit.id, 1, Permissions.pad("COSQ"), "CONNECT SQL", 'G'));
        state.serverPermissions.add(new Permission(100, 0, audit.id, 1, Permissions.pad("VWAD"), "VIEW ANY DEFINITION", 'G'));
        state.serverPermissions.add(new Permission(100, 0, audit.id, 1, Permissions.pad("VWSS"), "VIEW SERVER STATE", 'G'));
    }

    private ServerPrincipal login(int id, String n, byte[] sid, LocalDateTime t) {
        ServerPrincipal p = new ServerPrincipal(id, n, sid, 'S', t);
        put(p);
        return p;
    }

    private void put(ServerPrincipal p) {
        state.serverPrincipals.put(Database.key(p.name), p);
    }

    static void setPassword(ServerPrincipal p, String password) {
        p.passwordSalt = Passwords.salt();
        p.passwordHash = Passwords.hash(password, p.passwordSalt);
    }

    /** Adds a database with the principals every SQL Server database has. */
    Database addDatabase(int id, String dbName, String recovery, LocalDateTime created, boolean guestEnabled) {
        Database d = new Database(id, dbName, recovery, created);
        addDbPrincipal(d, 1, "dbo", 'S', new byte[] {1}, "dbo", created, true);
        DatabasePrincipal guest = addDbPrincipal(d, 2, "guest", 'S', new byte[] {0}, "guest", created, guestEnabled);
        guest.authenticationType = 0;
        addDbPrincipal(d, 3, "INFORMATION_SCHEMA", 'S', null, null, created, false).authenticationType = 0;
        addDbPrincipal(d, 4, "sys", 'S', null, null, created, false).authenticationType = 0;
        DatabasePrincipal pub = addDbPrincipal(d, 0, "public", 'R', new byte[] {1, 5, 0, 0, 0, 0, 0, 5}, null, created, true);
        pub.owningPrincipalId = 1;
        String[] fixed = {"db_owner", "db_accessadmin", "db_securityadmin", "db_ddladmin", null, "db_backupoperator",
            "db_datareader", "db_datawriter", "db_denydatareader", "db_denydatawriter"};
        for (int i = 0; i < fixed.length; i++) {
            if (fixed[i] == null) continue;
            DatabasePrincipal r = addDbPrincipal(d, 16384 + i, fixed[i], 'R', Passwords.randomBytes(16), null, created, true);
            r.fixedRole = true;
            r.owningPrincipalId = 1;
        }
        state.databases.put(Database.key(dbName), d);
        return d;
    }

    private static DatabasePrincipal addDbPrincipal(Database d, int id, String n, char type, byte[] sid, String schema,
                                                    LocalDateTime t, boolean connect) {
        DatabasePrincipal p = new DatabasePrincipal(id, n, type, sid, t);
        p.defaultSchema = schema;
        p.hasConnect = connect;
        p.authenticationType = type == 'R' ? 0 : 1;
        d.principals.put(Database.key(n), p);
        return p;
    }

    void closed(EngineSession s) {
        sessions.remove(s);
    }
}
