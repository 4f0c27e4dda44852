package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.mirroring.LinkEvaluator;
import io.mirrorguard.simulator.engine.mirroring.MirroringAddress;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.MirroringConfig;
import io.mirrorguard.simulator.engine.tsql.Cursor;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** CREATE/DROP/ALTER DATABASE, BACKUP and RESTORE, and the mirroring options of ALTER DATABASE. */
final class DatabaseOps {

    private DatabaseOps() {}

    static void create(EngineSession s, String name) {
        if (!s.hasServer("CRDB") && !s.hasServer("ALDB")) throw Errors.generic(262, 14, "CREATE DATABASE permission denied in database 'master'.");
        if (s.tranCount() > 0) throw Errors.generic(226, 16, "CREATE DATABASE statement not allowed within multi-statement transaction.");
        if (s.state().database(name).isPresent()) throw Errors.databaseExists(name);
        Database d = s.instance().addDatabase(s.state().nextDatabaseId++, name, "FULL", s.now(), false);
        d.ownerSidLogin = s.loginId();
        s.fleet().changed();
    }

    static void drop(EngineSession s, String name) {
        if (s.tranCount() > 0) throw Errors.inUserTransaction("DROP DATABASE");
        Database d = s.state().database(name).orElseThrow(() -> Errors.cannot("drop", "database", name));
        if (!s.isSysadmin()) throw Errors.cannot("drop", "database", name);
        if (d.id <= 4) throw Errors.generic(3708, 16, "Cannot drop the database '" + d.name + "' because it is a system database.");
        if (d.mirroring != null) throw Errors.mirroringInvolved(d.name);
        if (d.availabilityGroupId != null) {
            throw Errors.generic(3752, 16, "The database '" + d.name + "' is currently joined to an availability group. Before"
                + " you can drop the database, you need to remove it from the availability group.");
        }
        if (s.instance().sessions.stream().anyMatch(x -> x.database().equalsIgnoreCase(d.name))) {
            throw Errors.generic(3702, 16, "Cannot drop database \"" + d.name + "\" because it is currently in use.");
        }
        s.state().databases.remove(Database.key(d.name));
        s.fleet().changed();
    }

    /** DISK = 'path' | DISK = @variable, [ ,...n ]: the first device is the one simulated (stripes are not). */
    private static Token device(Cursor c) {
        c.expect("DISK");
        c.expectSymbol("=");
        Token t = c.next();
        if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.NSTRING && t.kind() != Token.Kind.VARIABLE) {
            throw Errors.syntax(t.shown(), t.line());
        }
        while (c.acceptSymbol(",")) {
            c.expect("DISK");
            c.expectSymbol("=");
            Token more = c.next();
            if (more.kind() != Token.Kind.STRING && more.kind() != Token.Kind.NSTRING && more.kind() != Token.Kind.VARIABLE) {
                throw Errors.syntax(more.shown(), more.line());
            }
        }
        return t;
    }

    private static String path(EngineSession s, Token device) {
        if (device.kind() != Token.Kind.VARIABLE) return device.text();
        Object v = s.varValue(device.text());
        if (v == null) throw Errors.generic(3044, 16, "Invalid zero-length device name. Reissue the BACKUP statement with a valid device name.");
        return v.toString();
    }

    static Statements.Stmt parseBackup(Cursor c, int line, boolean log) {
        String name = c.identifier();
        c.expect("TO");
        Token device = device(c);
        skipWith(c);
        return Statements.stmt(line, (s, o) -> {
            String file = path(s, device);
            Database d = s.state().database(name).orElseThrow(() -> Errors.dbNotExist(name));
            if (!s.isSysadmin()) throw Errors.generic(262, 14, "BACKUP DATABASE permission denied in database '" + d.name + "'.");
            if (log && !"FULL".equals(d.recoveryModel)) {
                s.lastError = 4208;
                o.add(io.mirrorguard.simulator.api.ResultItem.Message.of(Errors.logBackupNeedsFull(d.name).atLine(line)));
                throw Errors.backupTerminated("BACKUP LOG");
            }
            if (log && !d.fullBackupTaken) {
                o.add(io.mirrorguard.simulator.api.ResultItem.Message.of(Errors.generic(4214, 16,
                    "BACKUP LOG cannot be performed because there is no current database backup.").atLine(line)));
                throw Errors.backupTerminated("BACKUP LOG");
            }
            Path p = CertificateOps.resolve(s, file);
            try {
                Files.createDirectories(p.getParent());
                Files.writeString(p, "mirrorguard-simulated-backup\n" + (log ? "LOG" : "DATABASE") + "\n" + d.name + "\n"
                    + s.instance().name() + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw Errors.backupOpenFailed(file);
            }
            if (!log) d.fullBackupTaken = true;
            o.add(new io.mirrorguard.simulator.api.ResultItem.Message(log ? 4035 : 4035, 1, 0,
                "Processed 0 pages for database '" + d.name + "', file '" + d.name + "' on file 1.", line));
        });
    }

    /** BACKUP's WITH options (INIT, FORMAT, COMPRESSION, STATS = n, NAME = '..', ENCRYPTION (...), ...) do not change the simulation. */
    private static void skipWith(Cursor c) {
        if (c.accept("WITH")) {
            do {
                Token k = c.next();
                if (!k.isIdentifier()) throw Errors.syntax(k.shown(), k.line());
                if (c.acceptSymbol("=")) c.next();
                else if (c.peek().isSymbol("(")) skipParens(c);
            } while (c.acceptSymbol(","));
        }
    }

    private static void skipParens(Cursor c) {
        int depth = 0;
        do {
            Token t = c.next();
            if (t.kind() == Token.Kind.EOF) throw c.error();
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
        } while (depth > 0);
    }

    static Statements.Stmt parseRestore(Cursor c, int line, boolean log) {
        String name = c.identifier();
        c.expect("FROM");
        Token device = device(c);
        boolean norecovery = false;
        boolean replace = false;
        if (c.accept("WITH")) {
            do {
                Token k = c.next();
                if (!k.isIdentifier()) throw Errors.syntax(k.shown(), k.line());
                if (k.is("NORECOVERY")) norecovery = true;
                else if (k.is("REPLACE")) replace = true;
                else if (k.is("MOVE")) { c.next(); c.expect("TO"); c.next(); }
                else if (c.acceptSymbol("=")) c.next();
            } while (c.acceptSymbol(","));
        }
        boolean nr = norecovery;
        boolean rep = replace;
        return Statements.stmt(line, (s, o) -> restore(s, name, path(s, device), log, nr, rep));
    }

    private static void restore(EngineSession s, String name, String file, boolean log, boolean norecovery, boolean replace) {
        if (!s.hasServer("CRDB") && !s.isSysadmin()) throw Errors.noPermissionAction();
        Path p = CertificateOps.resolve(s, file);
        String[] content;
        try {
            content = Files.readString(p, StandardCharsets.UTF_8).split("\n");
        } catch (IOException e) {
            throw Errors.backupOpenFailed(file);
        }
        if (content.length < 3 || !content[0].equals("mirrorguard-simulated-backup")) {
            throw Errors.generic(3241, 16, "The media family on device '" + file + "' is incorrectly formed. SQL Server cannot process this media family.");
        }
        boolean isLog = content[1].equals("LOG");
        if (isLog != log) throw Errors.generic(3135, 16, "The backup set in file '" + file + "' was created by BACKUP " + content[1]
            + " and cannot be used for this restore operation.");
        Optional<Database> existing = s.state().database(name);
        if (log) {
            Database d = existing.orElseThrow(() -> Errors.dbNotExist(name));
            if (!"RESTORING".equals(d.state)) throw Errors.restoreTooLate(name);
            if (!norecovery) d.state = "ONLINE";
        } else {
            if (existing.isPresent()) {
                Database d = existing.get();
                if (d.mirroring != null) throw Errors.mirroringInvolved(d.name);
                if (!replace && !d.name.equalsIgnoreCase(content[2])) throw Errors.restoreOverExisting(d.name);
                d.state = norecovery ? "RESTORING" : "ONLINE";
                d.recoveryModel = "FULL";
            } else {
                Database d = s.instance().addDatabase(s.state().nextDatabaseId++, name, "FULL", s.now(), false);
                d.ownerSidLogin = s.loginId();
                d.state = norecovery ? "RESTORING" : "ONLINE";
            }
        }
        s.fleet().changed();
    }

    static Statements.Stmt parseAlter(Cursor c, int line) {
        String name = c.peek().is("CURRENT") ? (c.next().text() + "\u0000") : c.identifier();
        c.expect("SET");
        Token opt = c.next();
        switch (opt.upper()) {
            case "RECOVERY" -> {
                Token m = c.next();
                String model = m.upper();
                if (!model.equals("FULL") && !model.equals("SIMPLE") && !model.equals("BULK_LOGGED")) throw Errors.syntax(m.shown(), m.line());
                termination(c);
                return Statements.stmt(line, (s, o) -> {
                    if (s.tranCount() > 0) throw Errors.alterDbInTransaction();
                    Database d = db(s, name);
                    if (d.mirroring != null && !model.equals("FULL")) throw Errors.mirroringInvolved(d.name);
                    d.recoveryModel = model;
                    s.fleet().changed();
                });
            }
            case "PARTNER" -> {
                if (c.acceptSymbol("=")) {
                    String address = c.string();
                    return mirroringStmt(line, name, s -> partner(s, db(s, name), address));
                }
                Token k = c.next();
                switch (k.upper()) {
                    case "OFF" -> { return mirroringStmt(line, name, s -> partnerOff(s, db(s, name))); }
                    case "SUSPEND", "RESUME" -> {
                        boolean suspend = k.is("SUSPEND");
                        return mirroringStmt(line, name, s -> suspend(s, db(s, name), suspend));
                    }
                    case "SAFETY" -> {
                        Token v = c.next();
                        if (!v.is("FULL") && !v.is("OFF")) throw Errors.syntax(v.shown(), v.line());
                        int level = v.is("FULL") ? 2 : 1;
                        return mirroringStmt(line, name, s -> safety(s, db(s, name), level));
                    }
                    case "FAILOVER" -> { return mirroringStmt(line, name, s -> failover(s, db(s, name))); }
                    case "TIMEOUT" -> {
                        int t = c.integer();
                        return mirroringStmt(line, name, s -> {
                            Database d = db(s, name);
                            principalConfig(d).timeout = Math.max(5, t);
                            s.fleet().changed();
                        });
                    }
                    default -> throw Errors.syntax(k.shown(), k.line());
                }
            }
            case "HADR" -> {
                // SET HADR AVAILABILITY GROUP = ag | OFF | SUSPEND | RESUME: a secondary's own copy joins or leaves
                if (c.accept("AVAILABILITY")) {
                    c.expect("GROUP");
                    c.expectSymbol("=");
                    String group = c.identifier();
                    return Statements.stmt(line, (s, o) -> AvailabilityDatabaseOps.joinDatabase(s, db(s, name), group));
                }
                Token k = c.next();
                switch (k.upper()) {
                    case "OFF" -> { return Statements.stmt(line, (s, o) -> AvailabilityDatabaseOps.leaveDatabase(s, db(s, name))); }
                    case "SUSPEND", "RESUME" -> {
                        return Statements.stmt(line, (s, o) -> AvailabilityDatabaseOps.requireJoined(s, db(s, name)));
                    }
                    default -> throw Errors.syntax(k.shown(), k.line());
                }
            }
            case "WITNESS" -> {
                if (c.acceptSymbol("=")) {
                    String address = c.string();
                    return mirroringStmt(line, name, s -> witness(s, db(s, name), address));
                }
                c.expect("OFF");
                return mirroringStmt(line, name, s -> witnessOff(s, db(s, name)));
            }
            default -> {
                c.pos--;
                do otherOption(c); while (c.acceptSymbol(","));
                termination(c);
                return Statements.stmt(line, (s, o) -> {
                    if (s.tranCount() > 0) throw Errors.alterDbInTransaction();
                    db(s, name);
                });
            }
        }
    }

    /** Options that change nothing the simulator models, with the values SQL Server accepts for them. */
    private static final Map<String, Set<String>> ON_OFF_OPTIONS = Map.ofEntries(
        Map.entry("TRUSTWORTHY", Set.of("ON", "OFF")), Map.entry("DB_CHAINING", Set.of("ON", "OFF")),
        Map.entry("AUTO_CLOSE", Set.of("ON", "OFF")), Map.entry("AUTO_SHRINK", Set.of("ON", "OFF")),
        Map.entry("AUTO_CREATE_STATISTICS", Set.of("ON", "OFF")),
        Map.entry("AUTO_UPDATE_STATISTICS", Set.of("ON", "OFF")),
        Map.entry("AUTO_UPDATE_STATISTICS_ASYNC", Set.of("ON", "OFF")),
        Map.entry("ALLOW_SNAPSHOT_ISOLATION", Set.of("ON", "OFF")),
        Map.entry("READ_COMMITTED_SNAPSHOT", Set.of("ON", "OFF")),
        Map.entry("ANSI_NULLS", Set.of("ON", "OFF")), Map.entry("ANSI_PADDING", Set.of("ON", "OFF")),
        Map.entry("ANSI_WARNINGS", Set.of("ON", "OFF")), Map.entry("ARITHABORT", Set.of("ON", "OFF")),
        Map.entry("ANSI_NULL_DEFAULT", Set.of("ON", "OFF")),
        Map.entry("CONCAT_NULL_YIELDS_NULL", Set.of("ON", "OFF")),
        Map.entry("QUOTED_IDENTIFIER", Set.of("ON", "OFF")), Map.entry("RECURSIVE_TRIGGERS", Set.of("ON", "OFF")),
        Map.entry("NUMERIC_ROUNDABORT", Set.of("ON", "OFF")),
        Map.entry("PAGE_VERIFY", Set.of("CHECKSUM", "TORN_PAGE_DETECTION", "NONE")),
        Map.entry("CURSOR_DEFAULT", Set.of("LOCAL", "GLOBAL")),
        Map.entry("PARAMETERIZATION", Set.of("SIMPLE", "FORCED")));
    private static final Set<String> BARE_OPTIONS = Set.of("SINGLE_USER", "RESTRICTED_USER", "MULTI_USER",
        "READ_ONLY", "READ_WRITE", "ENABLE_BROKER", "DISABLE_BROKER", "NEW_BROKER", "ERROR_BROKER_CONVERSATIONS");

    private static void otherOption(Cursor c) {
        Token k = c.next();
        String key = k.upper();
        if (k.kind() != Token.Kind.WORD) throw Errors.syntax(k.shown(), k.line());
        if (BARE_OPTIONS.contains(key)) return;
        if (key.equals("COMPATIBILITY_LEVEL")) {
            c.expectSymbol("=");
            int level = c.integer();
            if (level < 100 || level > 160 || level % 10 != 0) {
                throw Errors.generic(15048, 16, "Valid values of the database compatibility level are 100, 110, 120, 130, 140, 150 or 160.");
            }
            return;
        }
        if (key.equals("TARGET_RECOVERY_TIME")) {
            c.expectSymbol("=");
            c.integer();
            if (!c.accept("SECONDS")) c.expect("MINUTES");
            return;
        }
        Set<String> values = ON_OFF_OPTIONS.get(key);
        if (values == null) throw Errors.syntax(k.shown(), k.line());
        Token v = c.next();
        if (!values.contains(v.upper()) || v.kind() != Token.Kind.WORD) throw Errors.syntax(v.shown(), v.line());
    }

    /** WITH ROLLBACK AFTER n [SECONDS] | ROLLBACK IMMEDIATE | NO_WAIT (there are no other connections to end here). */
    private static void termination(Cursor c) {
        if (!c.peek().is("WITH")) return;
        c.next();
        if (c.accept("NO_WAIT")) return;
        c.expect("ROLLBACK");
        if (c.accept("IMMEDIATE")) return;
        c.expect("AFTER");
        c.integer();
        c.accept("SECONDS");
    }

    private static Statements.Stmt mirroringStmt(int line, String name, java.util.function.Consumer<EngineSession> body) {
        return Statements.stmt(line, (s, o) -> {
            if (s.tranCount() > 0) throw Errors.alterDbInTransaction();
            if (!s.isSysadmin() && !s.hasServer("ALDB")) throw Errors.generic(5011, 14,
                "User does not have permission to alter database '" + name + "', the database does not exist, or the database is not in a state that allows access checks.");
            body.accept(s);
        });
    }

    private static Database db(EngineSession s, String name) {
        if (name.endsWith("\u0000")) return s.currentDb();
        return s.state().database(name).orElseThrow(() -> Errors.generic(5011, 14,
            "User does not have permission to alter database '" + name + "', the database does not exist, or the database is not in a state that allows access checks."));
    }

    private static MirroringConfig principalConfig(Database d) {
        if (d.mirroring == null) throw Errors.notConfiguredForMirroring(d.name);
        if (d.mirroring.role != 1) throw Errors.onlyOnPrincipal(d.name);
        return d.mirroring;
    }

    /** SET PARTNER = 'TCP://host:port': on a RESTORING database it records the partner; on an ONLINE one it starts the session. */
    private static void partner(EngineSession s, Database d, String address) {
        MirroringAddress addr = MirroringAddress.parse(address).orElseThrow(Errors::invalidConnectionString);
        SimulatedFleet fleet = s.fleet();
        Optional<SimulatedInstance> target = fleet.lookup(addr);
        if (target.isPresent() && target.get() == s.instance()) throw Errors.partnerNotDistinct();
        if (!"FULL".equals(d.recoveryModel)) throw Errors.notFullRecovery(d.name);
        if ("RESTORING".equals(d.state)) {
            if (d.mirroring != null && d.mirroring.established) throw Errors.generic(1436, 16,
                "Database mirroring is already configured for database \"" + d.name + "\".");
            MirroringConfig m = new MirroringConfig();
            m.role = 2;
            m.partnerAddress = address;
            m.partnerInstance = target.map(SimulatedInstance::name).orElse(null);
            d.mirroring = m;
            fleet.changed();
            return;
        }
        if (d.mirroring != null) throw Errors.generic(1436, 16, "Database mirroring is already configured for database \"" + d.name + "\".");
        LinkEvaluator.Result link = fleet.linkEvaluator().evaluate(s.instance(), address, LinkEvaluator.Purpose.PARTNER);
        if (!link.ok()) throw Errors.addressUnreachable(address);
        SimulatedInstance mirror = link.peer();
        Database md = mirror.state.database(d.name).orElseThrow(() -> Errors.remoteCopyMissing(d.name));
        if (!"RESTORING".equals(md.state)) throw Errors.remoteNotRestoring(d.name);
        if (md.mirroring == null || md.mirroring.established) {
            throw md.mirroring == null ? Errors.notConfiguredForMirroring(d.name) : Errors.alreadyMirroredRemote(d.name);
        }
        if (!"FULL".equals(md.recoveryModel)) throw Errors.notFullRecovery(d.name);
        Optional<SimulatedInstance> back = MirroringAddress.parse(md.mirroring.partnerAddress).flatMap(a -> fleet.lookup(a));
        if (back.isEmpty() || back.get() != s.instance()) throw Errors.addressUnreachable(md.mirroring.partnerAddress);
        LinkEvaluator.Result reverse = fleet.linkEvaluator().evaluate(mirror, md.mirroring.partnerAddress, LinkEvaluator.Purpose.PARTNER);
        if (!reverse.ok()) throw Errors.addressUnreachable(address);
        UUID guid = UUID.randomUUID();
        MirroringConfig pm = new MirroringConfig();
        pm.role = 1;
        pm.guid = guid;
        pm.partnerAddress = address;
        pm.partnerInstance = mirror.name();
        pm.established = true;
        d.mirroring = pm;
        md.mirroring.guid = guid;
        md.mirroring.established = true;
        md.mirroring.partnerInstance = s.instance().name();
        fleet.changed();
    }

    private static Optional<Database> partnerDb(EngineSession s, Database d) {
        if (d.mirroring == null || d.mirroring.partnerInstance == null) return Optional.empty();
        return s.fleet().lookup(d.mirroring.partnerInstance).flatMap(i -> i.state.database(d.name))
            .filter(pd -> pd.mirroring != null && d.mirroring.guid != null && d.mirroring.guid.equals(pd.mirroring.guid));
    }

    private static void partnerOff(EngineSession s, Database d) {
        if (d.mirroring == null) throw Errors.notConfiguredForMirroring(d.name);
        partnerDb(s, d).ifPresent(pd -> pd.mirroring = null);
        d.mirroring = null;
        s.fleet().changed();
    }

    private static void suspend(EngineSession s, Database d, boolean suspend) {
        if (d.mirroring == null || !d.mirroring.established) throw Errors.notConfiguredForMirroring(d.name);
        d.mirroring.suspended = suspend;
        partnerDb(s, d).ifPresent(pd -> pd.mirroring.suspended = suspend);
        s.fleet().changed();
    }

    private static void safety(EngineSession s, Database d, int level) {
        MirroringConfig m = principalConfig(d);
        m.safety = level;
        m.safetySequence++;
        partnerDb(s, d).ifPresent(pd -> { pd.mirroring.safety = level; pd.mirroring.safetySequence = m.safetySequence; });
        s.fleet().changed();
    }

    private static void failover(EngineSession s, Database d) {
        MirroringConfig m = principalConfig(d);
        if (m.safety != 2) throw Errors.safetyMustBeFull(d.name);
        Database pd = partnerDb(s, d).orElseThrow(() -> Errors.bothPartnersMustBeConnected(d.name));
        if (!s.fleet().partnerConnected(s.instance(), d)) throw Errors.bothPartnersMustBeConnected(d.name);
        m.role = 2;
        pd.mirroring.role = 1;
        m.roleSequence++;
        pd.mirroring.roleSequence = m.roleSequence;
        d.state = "RESTORING";
        pd.state = "ONLINE";
        pd.mirroring.witnessAddress = m.witnessAddress;
        s.fleet().changed();
    }

    private static void witness(EngineSession s, Database d, String address) {
        MirroringConfig m = principalConfig(d);
        MirroringAddress addr = MirroringAddress.parse(address).orElseThrow(Errors::invalidConnectionString);
        Optional<SimulatedInstance> w = s.fleet().lookup(addr);
        if (w.isPresent() && (w.get() == s.instance() || w.get().name().equalsIgnoreCase(m.partnerInstance))) throw Errors.witnessNotDistinct();
        LinkEvaluator ev = s.fleet().linkEvaluator();
        LinkEvaluator.Result fromPrincipal = ev.witnessLink(s.instance(), address);
        if (!fromPrincipal.ok()) throw Errors.couldNotSendToRemote(address);
        Database pd = partnerDb(s, d).orElseThrow(() -> Errors.bothPartnersMustBeConnected(d.name));
        if (!s.fleet().partnerConnected(s.instance(), d)) throw Errors.witnessNeedsInterconnect();
        SimulatedInstance mirror = s.fleet().lookup(m.partnerInstance).orElseThrow();
        if (!ev.witnessLink(mirror, address).ok()) throw Errors.witnessNeedsInterconnect();
        m.witnessAddress = address;
        pd.mirroring.witnessAddress = address;
        s.fleet().changed();
    }

    private static void witnessOff(EngineSession s, Database d) {
        MirroringConfig m = principalConfig(d);
        if (m.witnessAddress == null) throw Errors.noWitness(d.name);
        m.witnessAddress = null;
        partnerDb(s, d).ifPresent(pd -> pd.mirroring.witnessAddress = null);
        s.fleet().changed();
    }
}
