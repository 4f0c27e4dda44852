package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.engine.model.Certificate;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.DatabasePrincipal;
import io.mirrorguard.simulator.engine.model.Endpoint;
import io.mirrorguard.simulator.engine.model.InstanceState;
import io.mirrorguard.simulator.engine.model.Permission;
import io.mirrorguard.simulator.engine.model.ServerPrincipal;
import io.mirrorguard.simulator.engine.security.Passwords;
import io.mirrorguard.simulator.engine.security.Permissions;
import java.util.List;
import java.util.Map;

/** Logins, users, role membership, permissions and ownership. */
final class SecurityOps {

    private SecurityOps() {}

    static void requireServer(EngineSession s, String code) {
        if (!s.hasServer(code)) throw Errors.noPermissionAction();
    }

    static void createLogin(EngineSession s, String name, String password, String certName, Map<String, String> opts) {
        InstanceState st = s.state();
        if (!s.hasServer("ALLG") && !s.hasServer("CRLG")) throw Errors.noPermissionAction();
        if (st.principal(name).isPresent()) throw Errors.serverPrincipalExists(name);
        ServerPrincipal p;
        if (certName != null) {
            Certificate cert = st.master().certificate(certName)
                .orElseThrow(() -> Errors.cannot("find", "certificate", certName));
            if (!s.database().equalsIgnoreCase("master")) throw Errors.cannot("find", "certificate", certName);
            if (st.serverPrincipals.values().stream().anyMatch(x -> x.certificateId != null && x.certificateId == cert.id)) {
                throw Errors.generic(15063, 16, "The login already has an account under a different user name.");
            }
            p = new ServerPrincipal(st.nextServerPrincipalId++, name, cert.sid, 'C', s.now());
            p.certificateId = cert.id;
        } else if (password == null && opts != null && name.contains("\\")) {
            p = new ServerPrincipal(st.nextServerPrincipalId++, name, Passwords.randomBytes(28), 'U', s.now());
        } else {
            if (password == null) throw Errors.syntax("HASHED", 1);
            if (name.contains("\\")) throw Errors.generic(15407, 16, "'" + name + "' is not a valid Windows NT name. Give the complete name: <domain\\username>.");
            boolean policy = !"OFF".equals(opts == null ? null : opts.get("CHECK_POLICY"));
            boolean expiration = "ON".equals(opts == null ? null : opts.get("CHECK_EXPIRATION"));
            if (expiration && !policy) throw Errors.generic(15122, 16, "The CHECK_EXPIRATION option cannot be used when CHECK_POLICY is OFF.");
            if (opts != null && opts.containsKey("MUST_CHANGE")) {
                if (!policy) throw Errors.generic(15128, 16, "The CHECK_POLICY and CHECK_EXPIRATION options cannot be turned OFF when MUST_CHANGE is ON.");
                if (!expiration) throw Errors.generic(15099, 16, "The MUST_CHANGE option cannot be used when CHECK_EXPIRATION is OFF.");
            }
            byte[] sid = Passwords.randomBytes(16);
            String sidOpt = opts == null ? null : opts.get("SID");
            if (sidOpt != null) {
                sid = Ddl.unhex(sidOpt);
                if (sid.length != 16) throw Errors.generic(15419, 16, "Supplied parameter sid should be binary(16).");
                byte[] wanted = sid;
                if (st.loginForSid(wanted).isPresent()) throw Errors.generic(15433, 16, "Supplied parameter sid is in use.");
            }
            p = new ServerPrincipal(st.nextServerPrincipalId++, name, sid, 'S', s.now());
            SimulatedInstance.setPassword(p, password);
            p.policyChecked = policy;
            p.expirationChecked = expiration;
        }
        if (opts != null) {
            String db = opts.get("DEFAULT_DATABASE");
            if (db != null) p.defaultDatabase = db;
        }
        st.serverPrincipals.put(Database.key(name), p);
        st.serverPermissions.add(new Permission(100, 0, p.id, s.loginId(), Permissions.pad("COSQ"), "CONNECT SQL", 'G'));
        s.fleet().changed();
    }

    static ServerPrincipal loginOrFail(EngineSession s, String verb, String name) {
        ServerPrincipal p = s.state().principal(name).filter(x -> !x.isRole()).orElse(null);
        if (p == null) throw Errors.cannot(verb, "login", name);
        return p;
    }

    static void alterLogin(EngineSession s, String name, Map<String, String> opts) {
        ServerPrincipal p = loginOrFail(s, "alter", name);
        boolean self = p.id == s.loginId();
        boolean onlyOwnPassword = self && opts.keySet().stream().allMatch(k -> k.equals("PASSWORD") || k.equals("OLD_PASSWORD"));
        if (!onlyOwnPassword && !s.hasServer("ALLG")) throw Errors.cannot("alter", "login", name);
        for (var e : opts.entrySet()) {
            switch (e.getKey()) {
                case "ENABLE" -> p.disabled = false;
                case "DISABLE" -> p.disabled = true;
                case "PASSWORD" -> SimulatedInstance.setPassword(p, e.getValue());
                case "NAME" -> {
                    if (s.state().principal(e.getValue()).isPresent()) throw Errors.serverPrincipalExists(e.getValue());
                    s.state().serverPrincipals.remove(Database.key(p.name));
                    p.name = e.getValue();
                    s.state().serverPrincipals.put(Database.key(p.name), p);
                }
                case "DEFAULT_DATABASE" -> p.defaultDatabase = e.getValue();
                case "CHECK_POLICY" -> p.policyChecked = e.getValue().equalsIgnoreCase("ON");
                case "CHECK_EXPIRATION" -> p.expirationChecked = e.getValue().equalsIgnoreCase("ON");
                default -> { /* CHECK_POLICY, CHECK_EXPIRATION, DEFAULT_LANGUAGE, OLD_PASSWORD, UNLOCK: accepted */ }
            }
        }
        p.modifyDate = s.now();
        s.fleet().changed();
    }

    static void dropLogin(EngineSession s, String name) {
        ServerPrincipal p = loginOrFail(s, "drop", name);
        if (!s.hasServer("ALLG")) throw Errors.cannot("drop", "login", name);
        if (p.id == Permissions.SA) throw Errors.cannotDropSpecial("drop", "login", name);
        if (s.instance().sessions.stream().anyMatch(x -> x.loginId() == p.id)) throw Errors.loggedIn(name);
        if (s.state().endpoints.values().stream().anyMatch(e -> e.ownerId != null && e.ownerId == p.id)) {
            throw Errors.serverPrincipalOwns("endpoint");
        }
        InstanceState st = s.state();
        if (st.databases.values().stream().anyMatch(d -> d.ownerSidLogin == p.id)) {
            throw Errors.generic(15174, 16, "Login '" + p.name + "' owns one or more database(s). Change the owner of the database(s) before dropping the login.");
        }
        if (st.serverPermissions.stream().anyMatch(x -> x.grantorId() == p.id && x.granteeId() != p.id)) {
            throw Errors.generic(15173, 16, "Server principal '" + p.name + "' has granted one or more permission(s). Revoke the permission(s) before dropping the server principal.");
        }
        st.serverPrincipals.remove(Database.key(p.name));
        st.serverPermissions.removeIf(x -> x.granteeId() == p.id || (x.classId() == 101 && x.majorId() == p.id));
        st.roleMembers.removeIf(m -> m.endsWith(":" + p.id));
        s.fleet().changed();
    }

    static void createUser(EngineSession s, String name, String login, boolean without, String schema) {
        Database d = s.currentDb();
        if (!s.isSysadmin()) throw Errors.noPermissionAction();
        if (d.principal(name).isPresent()) throw Errors.userExists(name);
        DatabasePrincipal u;
        if (without) {
            u = new DatabasePrincipal(d.nextPrincipalId++, name, 'S', Passwords.randomBytes(16), s.now());
            u.authenticationType = 0;
        } else {
            ServerPrincipal l = s.state().principal(login).filter(x -> !x.isRole())
                .orElseThrow(() -> Errors.notValidLogin(login));
            if (d.userForSid(l.sid).isPresent()) throw Errors.loginHasUser();
            char type = l.type == 'C' ? 'C' : l.type == 'U' ? 'U' : 'S';
            u = new DatabasePrincipal(d.nextPrincipalId++, name, type, l.sid, s.now());
            u.authenticationType = type == 'U' ? 3 : type == 'C' ? 0 : 1;
        }
        u.defaultSchema = u.type == 'C' ? null : schema == null ? "dbo" : schema;
        d.principals.put(Database.key(name), u);
        s.fleet().changed();
    }

    /** CREATE USER u FROM CERTIFICATE c: a user (type C) for a certificate of the current database, no login needed. */
    static void createUserForCertificate(EngineSession s, String name, String certName) {
        Database d = s.currentDb();
        if (!s.isSysadmin()) throw Errors.noPermissionAction();
        if (d.principal(name).isPresent()) throw Errors.userExists(name);
        Certificate cert = d.certificate(certName).orElseThrow(() -> Errors.cannot("find", "certificate", certName));
        if (d.userForSid(cert.sid).isPresent()) throw Errors.loginHasUser();
        DatabasePrincipal u = new DatabasePrincipal(d.nextPrincipalId++, name, 'C', cert.sid, s.now());
        u.authenticationType = 0;
        d.principals.put(Database.key(name), u);
        s.fleet().changed();
    }

    /** ALTER USER ... WITH NAME / LOGIN (remaps the user to another login's SID) / DEFAULT_SCHEMA. */
    static void alterUser(EngineSession s, String name, Map<String, String> opts) {
        Database d = s.currentDb();
        DatabasePrincipal u = d.principal(name).filter(p -> p.type != 'R').orElseThrow(() -> Errors.cannot("alter", "user", name));
        if (!s.isSysadmin()) throw Errors.cannot("alter", "user", name);
        if (u.id <= 4) throw Errors.cannotDropSpecial("alter", "user", name);
        String newName = opts.get("NAME");
        if (newName != null && !newName.equalsIgnoreCase(u.name) && d.principal(newName).isPresent()) throw Errors.userExists(newName);
        DatabasePrincipal target = u;
        if (opts.containsKey("LOGIN")) {
            String ln = opts.get("LOGIN");
            ServerPrincipal l = s.state().principal(ln).filter(x -> !x.isRole()).orElseThrow(() -> Errors.notValidLogin(ln));
            if (u.type == 'C' || (u.type == 'U') != (l.type == 'U')) {
                throw Errors.generic(33016, 16, "The user cannot be remapped to a login. Remapping can only be done for users that were mapped to Windows or SQL logins.");
            }
            var other = d.userForSid(l.sid);
            if (other.isPresent() && other.get() != u) throw Errors.loginHasUser();
            target = new DatabasePrincipal(u.id, u.name, u.type, l.sid, u.createDate);
            target.defaultSchema = u.defaultSchema;
            target.authenticationType = u.authenticationType;
            target.hasConnect = u.hasConnect;
            target.owningPrincipalId = u.owningPrincipalId;
        }
        if (opts.containsKey("DEFAULT_SCHEMA") && target.type != 'C') target.defaultSchema = opts.get("DEFAULT_SCHEMA");
        d.principals.remove(Database.key(u.name));
        if (newName != null) target.name = newName;
        target.modifyDate = s.now();
        d.principals.put(Database.key(target.name), target);
        s.fleet().changed();
    }

    static void dropUser(EngineSession s, String name) {
        Database d = s.currentDb();
        DatabasePrincipal u = d.principal(name).filter(p -> p.type != 'R').orElseThrow(() -> Errors.cannot("drop", "user", name));
        if (!s.isSysadmin()) throw Errors.cannot("drop", "user", name);
        if (u.id <= 4) throw Errors.cannotDropSpecial("drop", "user", name);
        if (d.certificates.values().stream().anyMatch(c -> c.ownerPrincipalId == u.id)) throw Errors.principalOwns("certificate");
        d.principals.remove(Database.key(u.name));
        s.fleet().changed();
    }

    /** CREATE SERVER ROLE: needs CREATE SERVER ROLE (modelled as ALTER ANY SERVER ROLE) or sysadmin. */
    static void createServerRole(EngineSession s, String role, String ownerLogin) {
        InstanceState st = s.state();
        if (!s.isSysadmin() && !s.hasServer("ALSR")) throw Errors.noPermissionAction();
        if (st.principal(role).isPresent()) throw Errors.serverPrincipalExists(role);
        int owner = ownerLogin == null ? s.loginId() : st.principal(ownerLogin)
            .orElseThrow(() -> Errors.cannot("find", "principal", ownerLogin)).id;
        ServerPrincipal r = new ServerPrincipal(st.nextServerPrincipalId++, role, Passwords.randomBytes(16), 'R', s.now());
        r.owningPrincipalId = owner;
        st.serverPrincipals.put(Database.key(role), r);
        s.fleet().changed();
    }

    /** DROP SERVER ROLE: fixed roles cannot be dropped, nor a role that still has members or owns securables. */
    static void dropServerRole(EngineSession s, String role) {
        InstanceState st = s.state();
        ServerPrincipal r = st.principal(role).filter(ServerPrincipal::isRole)
            .orElseThrow(() -> Errors.cannot("drop", "server role", role));
        if (r.fixedRole || r.id == Permissions.PUBLIC || !s.isSysadmin()) throw Errors.cannot("drop", "server role", role);
        if (st.roleMembers.stream().anyMatch(m -> m.startsWith(r.id + ":"))) {
            throw Errors.generic(15144, 16, "The role has members. It must be empty before it can be dropped.");
        }
        st.serverPermissions.removeIf(p -> p.granteeId() == r.id);
        st.serverPrincipals.remove(Database.key(role));
        s.fleet().changed();
    }

    static void roleMember(EngineSession s, String role, String member, boolean add) {
        InstanceState st = s.state();
        ServerPrincipal r = st.principal(role).filter(ServerPrincipal::isRole)
            .orElseThrow(() -> Errors.cannot("alter", "server role", role));
        if (r.id == Permissions.PUBLIC) throw Errors.publicMembership();
        if (!s.isSysadmin()) throw Errors.cannot("alter", "server role", role);
        ServerPrincipal m = st.principal(member).orElseThrow(() -> Errors.cannot("add", "principal", member));
        if (add) st.roleMembers.add(r.id + ":" + m.id);
        else st.roleMembers.remove(r.id + ":" + m.id);
        s.fleet().changed();
    }

    /**
     * sp_addsrvrolemember / sp_dropsrvrolemember: fixed server roles only (Msg 15402, severity 11, ends the call with
     * return code 1), an existing login (Msg 15007), not inside a user transaction (Msg 15002).
     */
    static int srvRoleMemberProc(EngineSession s, String proc, String login, String role, List<ResultItem> out) {
        if (s.tranCount() > 0) {
            throw Errors.generic(15002, 16, "The procedure 'sys." + proc + "' cannot be executed within a transaction.");
        }
        if (login == null || role == null) {
            throw Errors.generic(201, 16, "Procedure or function '" + proc + "' expects parameter '"
                + (login == null ? "@loginame" : "@rolename") + "', which was not supplied.");
        }
        InstanceState st = s.state();
        ServerPrincipal r = st.principal(role).filter(x -> x.isRole() && x.fixedRole && !x.name.startsWith("##")).orElse(null);
        if (r == null) {
            out.add(ResultItem.Message.of(Errors.notFixedServerRole(role)));
            return 1;
        }
        ServerPrincipal m = st.principal(login).filter(x -> !x.isRole()).orElseThrow(() -> Errors.notValidLogin(login));
        if (!s.isSysadmin()) throw Errors.noPermissionAction();
        if (proc.equals("sp_addsrvrolemember")) st.roleMembers.add(r.id + ":" + m.id);
        else st.roleMembers.remove(r.id + ":" + m.id);
        s.fleet().changed();
        return 0;
    }

    static void alterAuthorization(EngineSession s, String cls, String obj, String to) {
        if (!s.isSysadmin()) throw Errors.noPermissionAction();
        switch (cls) {
            case "ENDPOINT" -> {
                if (to == null) throw Errors.syntax("SCHEMA", 1);
                Endpoint e = s.state().endpoint(obj).filter(x -> !x.isSystem()).orElseThrow(() -> Errors.cannot("find", "endpoint", obj));
                ServerPrincipal p = s.state().principal(to).filter(x -> !x.isRole())
                    .orElseThrow(() -> Errors.cannot("find", "principal", to));
                e.ownerId = p.id;
            }
            case "DATABASE" -> {
                Database d = s.state().database(obj).orElseThrow(() -> Errors.cannot("find", "database", obj));
                if (to == null) throw Errors.syntax("SCHEMA", 1);
                ServerPrincipal p = s.state().principal(to).filter(x -> !x.isRole())
                    .orElseThrow(() -> Errors.cannot("find", "principal", to));
                if (d.id == 1 || d.id == 2 || d.id == 3) {
                    throw Errors.generic(15109, 16, "Cannot change the owner of the master, model, tempdb or distribution database.");
                }
                if (d.userForSid(p.sid).filter(u -> u.id != 1).isPresent()) {
                    throw Errors.generic(15110, 16, "The proposed new database owner is already a user or aliased in the database.");
                }
                d.ownerSidLogin = p.id;
            }
            case "CERTIFICATE" -> {
                Database d = s.currentDb();
                Certificate cert = d.certificate(obj).orElseThrow(() -> Errors.cannot("find", "certificate", obj));
                if (to == null) {
                    cert.ownerPrincipalId = 1;
                    s.fleet().changed();
                    return;
                }
                DatabasePrincipal u = d.principal(to).orElseThrow(() -> Errors.cannot("find", "user", to));
                if (u.type == 'R' || u.type == 'C') throw Errors.ownershipNotAllowed("CERTIFICATE");
                cert.ownerPrincipalId = u.id;
            }
            default -> throw Errors.syntax(cls, 1);
        }
        s.fleet().changed();
    }

    static void grant(EngineSession s, String verb, List<String> perms, String cls, String obj, List<String> grantees,
                      boolean withGrant, boolean grantOptionFor, boolean cascade) {
        InstanceState st = s.state();
        int major;
        int classId;
        Map<String, String> codes;
        if (cls == null) {
            if (!s.database().equalsIgnoreCase("master")) throw Errors.serverScopeOnlyInMaster();
            classId = 100;
            major = 0;
            codes = Permissions.SERVER_PERMISSIONS;
        } else if (cls.equals("ENDPOINT")) {
            if (!s.database().equalsIgnoreCase("master")) throw Errors.serverScopeOnlyInMaster();
            Endpoint e = st.endpoint(obj).orElseThrow(() -> Errors.cannot("find", "endpoint", obj));
            classId = 105;
            major = e.id;
            codes = Permissions.ENDPOINT_PERMISSIONS;
            boolean allowed = Permissions.hasEndpoint(st, s.loginId(), e, "CL") || s.hasServer("ALHE");
            if (!allowed) throw Errors.cannot("find", "endpoint", obj);
        } else if (cls.equals("LOGIN")) {
            ServerPrincipal target = st.principal(obj).orElseThrow(() -> Errors.cannot("find", "login", obj));
            classId = 101;
            major = target.id;
            codes = Map.of("IMPERSONATE", "IM", "VIEW DEFINITION", "VW", "CONTROL", "CL", "ALTER", "AL");
        } else {
            throw Errors.syntax(cls, 1);
        }
        for (String perm : perms) {
            String code = codes.get(perm);
            if (code == null) throw Errors.syntax(perm.split(" ")[0], 1);
            if (classId == 100 && !s.isSysadmin() && !Permissions.canGrantOption(st, s.loginId(), 100, 0, code)) {
                throw Errors.grantorNoGrantOption();
            }
            for (String g : grantees) {
                ServerPrincipal gp = st.principal(g).orElseThrow(() -> Errors.cannot("find", "login", g));
                if (gp.id == Permissions.SA || gp.id == Permissions.SYSADMIN) {
                    throw Errors.generic(4617, 16, "Cannot grant, deny, or revoke permissions to sa, dbo, entity owner, information_schema, sys, or yourself.");
                }
                Permission p = new Permission(classId, major, gp.id, s.loginId(), Permissions.pad(code), perm,
                    verb.equals("DENY") ? 'D' : withGrant ? 'W' : 'G');
                st.serverPermissions.removeIf(x -> x.sameTarget(p) && !(verb.equals("REVOKE") && grantOptionFor && x.state() != 'W'));
                if (verb.equals("REVOKE")) {
                    if (grantOptionFor) {
                        st.serverPermissions.add(new Permission(classId, major, gp.id, s.loginId(), Permissions.pad(code), perm, 'G'));
                    }
                } else {
                    st.serverPermissions.add(p);
                }
            }
        }
        s.fleet().changed();
    }
}
