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
import java.util.Optional;
import java.util.UUID;

/** CREATE/DROP/ALTER DATABASE, BACKUP and RESTORE, and the mirroring options of ALTER DATABASE. */
final class DatabaseOps {

    private DatabaseOps() {}

    static void create(EngineSession s, String name) {
        if (!s.hasServer("CRDB") && !s.hasServer("ALDB")) throw Errors.generic(262, 14, "CREATE DATABASE permission denied in database 'master'.");
        if (s.tranCount() > 0) throw Errors.inUserTransaction("CREATE DATABASE");
        if (s.state().database(name).isPresent()) throw Errors.databaseExists(name);
        s.instance().addDatabase(s.state().nextDatabaseId++, name, "FULL", s.now(), false);
        s.fleet().changed();
    }

    static void drop(EngineSession s, String name) {
        Database d = s.state().database(name).orElseThrow(() -> Errors.cannot("drop", "database", name));
        if (!s.isSysadmin()) throw Errors.cannot("drop", "database", name);
        if (d.id <= 4) throw Errors.generic(3708, 16, "Cannot drop the database '" + d.name + "' because it is a system database.");
        if (d.mirroring != null) throw Errors.mirroringInvolved(d.name);
        s.state().databases.remove(Database.key(d.name));
        s.fleet().changed();
    }

    static Statements.Stmt parseBackup(Cursor c, int line, boolean log) {
        String name = c.identifier();
        c.expect("TO");
        c.expect("DISK");
        c.expectSymbol("=");
        String file = c.string();
        skipWith(c);
        return Statements.stmt(line, (s, o) -> {
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

    private static void skipWith(Cursor c) {
        if (c.accept("WITH")) {
            do {
                c.next();
                if (c.acceptSymbol("=")) c.next();
            } while (c.acceptSymbol(","));
        }
    }

    static Statements.Stmt parseRestore(Cursor c, int line, boolean log) {
        String name = c.identifier();
        c.expect("FROM");
        c.expect("DISK");
        c.expectSymbol("=");
        String file = c.string();
        boolean norecovery = false;
        boolean replace = false;
        if (c.accept("WITH")) {
            do {
                Token k = c.next();
                if (k.is("NORECOVERY")) norecovery = true;
                else if (k.is("REPLACE")) replace = true;
                else if (k.is("MOVE")) { c.string(); c.expect("TO"); c.string(); }
                else if (c.acceptSymbol("=")) c.next();
            } while (c.acceptSymbol(","));
        }
        boolean nr = norecovery;
        boolean rep = replace;
        return Statements.stmt(line, (s, o) -> restore(s, name, file, log, nr, rep));
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
                return Statements.stmt(line, (s, o) -> {
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
            case "WITNESS" -> {
                if (c.acceptSymbol("=")) {
                    String address = c.string();
                    return mirroringStmt(line, name, s -> witness(s, db(s, name), address));
                }
                c.expect("OFF");
                return mirroringStmt(line, name, s -> witnessOff(s, db(s, name)));
            }
            default -> {
                // other database options (e.g. SINGLE_USER, TRUSTWORTHY) are not simulated
                throw Errors.syntax(opt.shown(), opt.line());
            }
        }
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
        Optional<SimulatedInstance> target = fleet.lookup(addr.host());
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
        LinkEvaluator.Result link = fleet.mirroring().evaluator().evaluate(s.instance(), address, LinkEvaluator.Purpose.PARTNER);
        if (!link.ok()) throw Errors.addressUnreachable(address);
        SimulatedInstance mirror = link.peer();
        Database md = mirror.state.database(d.name).orElseThrow(() -> Errors.remoteCopyMissing(d.name));
        if (!"RESTORING".equals(md.state)) throw Errors.remoteNotRestoring(d.name);
        if (md.mirroring == null || md.mirroring.established) {
            throw md.mirroring == null ? Errors.notConfiguredForMirroring(d.name) : Errors.alreadyMirroredRemote(d.name);
        }
        if (!"FULL".equals(md.recoveryModel)) throw Errors.notFullRecovery(d.name);
        Optional<SimulatedInstance> back = MirroringAddress.parse(md.mirroring.partnerAddress).flatMap(a -> fleet.lookup(a.host()));
        if (back.isEmpty() || back.get() != s.instance()) throw Errors.addressUnreachable(md.mirroring.partnerAddress);
        LinkEvaluator.Result reverse = fleet.mirroring().evaluator().evaluate(mirror, md.mirroring.partnerAddress, LinkEvaluator.Purpose.PARTNER);
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
        if (!s.fleet().mirroring().connected(s.instance(), d)) throw Errors.bothPartnersMustBeConnected(d.name);
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
        Optional<SimulatedInstance> w = s.fleet().lookup(addr.host());
        if (w.isPresent() && (w.get() == s.instance() || w.get().name().equalsIgnoreCase(m.partnerInstance))) throw Errors.witnessNotDistinct();
        LinkEvaluator ev = s.fleet().mirroring().evaluator();
        LinkEvaluator.Result fromPrincipal = ev.witnessLink(s.instance(), address);
        if (!fromPrincipal.ok()) throw Errors.couldNotSendToRemote(address);
        Database pd = partnerDb(s, d).orElseThrow(() -> Errors.bothPartnersMustBeConnected(d.name));
        if (!s.fleet().mirroring().connected(s.instance(), d)) throw Errors.witnessNeedsInterconnect();
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
