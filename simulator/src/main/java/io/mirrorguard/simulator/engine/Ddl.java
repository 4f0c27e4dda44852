package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.tsql.Cursor;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Security, endpoint and database DDL: parsing here, the work in {@link SecurityOps}, {@link CertificateOps}, {@link DatabaseOps}. */
final class Ddl {

    private final Cursor c;
    private final Statements owner;

    Ddl(Cursor c, Statements owner) {
        this.c = c;
        this.owner = owner;
    }

    Statements.Stmt parse() {
        Token first = c.next();
        int line = first.line();
        String verb = first.upper();
        switch (verb) {
            case "GRANT", "DENY", "REVOKE" -> { return grant(verb, line); }
            case "OPEN" -> {
                c.expect("MASTER"); c.expect("KEY"); c.expect("DECRYPTION"); c.expect("BY"); c.expect("PASSWORD");
                c.expectSymbol("=");
                String pw = c.string();
                return Statements.stmt(line, (s, o) -> CertificateOps.openMasterKey(s, pw));
            }
            case "CLOSE" -> {
                c.expect("MASTER"); c.expect("KEY");
                return Statements.stmt(line, (s, o) -> s.openMasterKeys.remove(s.database().toLowerCase(Locale.ROOT)));
            }
            case "BACKUP" -> {
                if (c.accept("CERTIFICATE")) return CertificateOps.parseBackup(c, line);
                boolean log = c.accept("LOG");
                if (!log) c.expect("DATABASE");
                return DatabaseOps.parseBackup(c, line, log);
            }
            case "RESTORE" -> {
                boolean log = c.accept("LOG");
                if (!log) c.expect("DATABASE");
                return DatabaseOps.parseRestore(c, line, log);
            }
            default -> { }
        }
        Token what = c.next();
        String w = what.upper();
        String key = verb + " " + w;
        switch (key) {
            case "CREATE MASTER", "ALTER MASTER", "DROP MASTER" -> { c.expect("KEY"); return CertificateOps.parseMasterKey(c, verb, line); }
            case "CREATE AVAILABILITY" -> { c.expect("GROUP"); return new AvailabilityGroupDdl(c).create(line); }
            case "ALTER AVAILABILITY" -> { c.expect("GROUP"); return new AvailabilityGroupDdl(c).alter(line); }
            case "DROP AVAILABILITY" -> { c.expect("GROUP"); return new AvailabilityGroupDdl(c).drop(line); }
            case "CREATE CERTIFICATE" -> { return CertificateOps.parseCreate(c, line); }
            case "ALTER CERTIFICATE" -> { return CertificateOps.parseAlter(c, line); }
            case "DROP CERTIFICATE" -> { String n = c.identifier(); return Statements.stmt(line, (s, o) -> CertificateOps.drop(s, n)); }
            case "CREATE ENDPOINT", "ALTER ENDPOINT" -> { return EndpointOps.parse(c, verb.equals("CREATE"), line); }
            case "DROP ENDPOINT" -> { String n = c.identifier(); return Statements.stmt(line, (s, o) -> EndpointOps.drop(s, n)); }
            case "CREATE LOGIN" -> { return createLogin(line); }
            case "ALTER LOGIN" -> { return alterLogin(line); }
            case "DROP LOGIN" -> { String n = c.identifier(); return Statements.stmt(line, (s, o) -> SecurityOps.dropLogin(s, n)); }
            case "CREATE USER" -> { return createUser(line); }
            case "ALTER USER" -> { return alterUser(line); }
            case "DROP USER" -> {
                boolean ifExists = ifExists();
                String n = c.identifier();
                return Statements.stmt(line, (s, o) -> {
                    if (!ifExists || s.currentDb().principal(n).isPresent()) SecurityOps.dropUser(s, n);
                });
            }
            case "CREATE SERVER" -> {
                // user-defined server roles (SQL Server 2012+): CREATE SERVER ROLE name [AUTHORIZATION login]
                c.expect("ROLE");
                String role = c.identifier();
                String owner = c.accept("AUTHORIZATION") ? c.identifier() : null;
                return Statements.stmt(line, (s, o) -> SecurityOps.createServerRole(s, role, owner));
            }
            case "DROP SERVER" -> {
                c.expect("ROLE");
                String role = c.identifier();
                return Statements.stmt(line, (s, o) -> SecurityOps.dropServerRole(s, role));
            }
            case "ALTER SERVER" -> {
                c.expect("ROLE");
                String role = c.identifier();
                boolean add = c.accept("ADD");
                if (!add) c.expect("DROP");
                c.expect("MEMBER");
                String member = c.identifier();
                return Statements.stmt(line, (s, o) -> SecurityOps.roleMember(s, role, member, add));
            }
            case "ALTER AUTHORIZATION" -> {
                c.expect("ON");
                String cls = c.identifier().toUpperCase(Locale.ROOT);
                c.expectSymbol("::");
                String obj = c.identifier();
                c.expect("TO");
                String to = c.accept("SCHEMA") ? schemaOwner() : c.identifier();
                return Statements.stmt(line, (s, o) -> SecurityOps.alterAuthorization(s, cls, obj, to));
            }
            case "CREATE DATABASE" -> { String n = c.identifier(); skipCreateDatabaseOptions(); return Statements.stmt(line, (s, o) -> DatabaseOps.create(s, n)); }
            case "DROP DATABASE" -> {
                boolean ifExists = ifExists();
                String n = c.identifier();
                return Statements.stmt(line, (s, o) -> {
                    if (!ifExists || s.state().database(n).isPresent()) DatabaseOps.drop(s, n);
                });
            }
            case "ALTER DATABASE" -> { return DatabaseOps.parseAlter(c, line); }
            default -> throw Errors.syntax(what.shown(), what.line());
        }
    }

    /** IF EXISTS after DROP USER / DROP DATABASE (SQL Server 2016 and later). */
    private boolean ifExists() {
        if (c.peek().is("IF") && c.peek(1).is("EXISTS")) {
            c.next();
            c.next();
            return true;
        }
        return false;
    }

    /** SCHEMA OWNER (ALTER AUTHORIZATION ... TO SCHEMA OWNER): the object goes back to its schema's owner. */
    private String schemaOwner() {
        c.expect("OWNER");
        return null;
    }

    /** CONTAINMENT, ON (file specs), LOG ON, COLLATE, WITH options, FOR ATTACH: accepted; files are not simulated. */
    private void skipCreateDatabaseOptions() {
        int depth = 0;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.isSymbol(";") || Statements.isStarter(t))) break;
            c.next();
        }
    }

    private Statements.Stmt createLogin(int line) {
        String name = c.identifier();
        if (c.accept("FROM")) {
            if (c.accept("CERTIFICATE")) {
                String cert = c.identifier();
                return Statements.stmt(line, (s, o) -> SecurityOps.createLogin(s, name, null, cert, null));
            }
            if (c.accept("WINDOWS")) {
                Map<String, String> opts = withOptions();
                return Statements.stmt(line, (s, o) -> SecurityOps.createLogin(s, name, null, null, opts));
            }
            throw c.error();
        }
        c.expect("WITH");
        c.expect("PASSWORD");
        c.expectSymbol("=");
        String pw;
        boolean hashed = false;
        if (c.peek().kind() == Token.Kind.HEX) { c.next(); c.expect("HASHED"); pw = null; hashed = true; }
        else pw = c.string();
        Map<String, String> opts = new LinkedHashMap<>();
        if (c.accept("MUST_CHANGE")) opts.put("MUST_CHANGE", "ON");
        while (c.acceptSymbol(",")) loginOption(opts, LOGIN_OPTIONS);
        if (hashed) opts.put("HASHED", "ON");
        String password = pw;
        return Statements.stmt(line, (s, o) -> SecurityOps.createLogin(s, name, password, null, opts));
    }

    private Map<String, String> withOptions() {
        Map<String, String> opts = new LinkedHashMap<>();
        if (c.accept("WITH")) {
            do loginOption(opts, WINDOWS_LOGIN_OPTIONS); while (c.acceptSymbol(","));
        }
        return opts;
    }

    private static final Set<String> LOGIN_OPTIONS = Set.of("SID", "DEFAULT_DATABASE", "DEFAULT_LANGUAGE",
        "CHECK_EXPIRATION", "CHECK_POLICY", "CREDENTIAL");
    private static final Set<String> WINDOWS_LOGIN_OPTIONS = Set.of("DEFAULT_DATABASE", "DEFAULT_LANGUAGE");

    /** One NAME = value option of CREATE LOGIN; unknown names and ON/OFF options with other values are syntax errors. */
    private void loginOption(Map<String, String> opts, Set<String> allowed) {
        Token k = c.next();
        String name = k.upper();
        if (k.kind() != Token.Kind.WORD || !allowed.contains(name) || opts.containsKey(name)) throw Errors.syntax(k.shown(), k.line());
        c.expectSymbol("=");
        Token v = c.next();
        boolean ok = switch (name) {
            case "SID" -> v.kind() == Token.Kind.HEX;
            case "CHECK_EXPIRATION", "CHECK_POLICY" -> v.is("ON") || v.is("OFF");
            case "DEFAULT_LANGUAGE" -> v.isIdentifier() || v.kind() == Token.Kind.NUMBER;
            default -> v.isIdentifier();
        };
        if (!ok) throw Errors.syntax(v.shown(), v.line());
        opts.put(name, v.upper().equals("ON") || v.upper().equals("OFF") ? v.upper() : v.text());
    }

    private Statements.Stmt alterLogin(int line) {
        String name = c.identifier();
        if (c.accept("ENABLE")) return Statements.stmt(line, (s, o) -> SecurityOps.alterLogin(s, name, Map.of("ENABLE", "1")));
        if (c.accept("DISABLE")) return Statements.stmt(line, (s, o) -> SecurityOps.alterLogin(s, name, Map.of("DISABLE", "1")));
        c.expect("WITH");
        Map<String, String> opts = new LinkedHashMap<>();
        do {
            String k = c.identifier().toUpperCase(Locale.ROOT);
            if (c.acceptSymbol("=")) {
                Token v = c.next();
                opts.put(k, v.text());
                if (k.equals("PASSWORD")) {
                    while (c.peek().is("OLD_PASSWORD") || c.peek().is("MUST_CHANGE") || c.peek().is("UNLOCK")) {
                        String extra = c.next().upper();
                        if (c.acceptSymbol("=")) c.next();
                        opts.put(extra, "ON");
                    }
                }
            } else {
                opts.put(k, "ON");
            }
        } while (c.acceptSymbol(","));
        return Statements.stmt(line, (s, o) -> SecurityOps.alterLogin(s, name, opts));
    }

    private Statements.Stmt createUser(int line) {
        String name = c.identifier();
        String login = null;
        String cert = null;
        boolean without = false;
        if (c.accept("FOR") || c.accept("FROM")) {
            if (c.accept("LOGIN")) login = c.identifier();
            else if (c.accept("CERTIFICATE")) cert = c.identifier();
            else throw c.error();
        } else if (c.accept("WITHOUT")) {
            c.expect("LOGIN");
            without = true;
        }
        String schema = null;
        if (c.accept("WITH")) {
            c.expect("DEFAULT_SCHEMA");
            c.expectSymbol("=");
            schema = c.identifier();
        }
        String l = login == null && !without && cert == null ? name : login;
        boolean w = without;
        String sc = schema;
        if (cert != null) {
            if (sc != null) throw Errors.syntax("DEFAULT_SCHEMA", line);
            String fc = cert;
            return Statements.stmt(line, (s, o) -> SecurityOps.createUserForCertificate(s, name, fc));
        }
        return Statements.stmt(line, (s, o) -> SecurityOps.createUser(s, name, l, w, sc));
    }

    /** ALTER USER u WITH NAME = n | LOGIN = l | DEFAULT_SCHEMA = s [, ...]. */
    private Statements.Stmt alterUser(int line) {
        String name = c.identifier();
        c.expect("WITH");
        Map<String, String> opts = new LinkedHashMap<>();
        do {
            Token k = c.next();
            String key = k.upper();
            if (!(key.equals("NAME") || key.equals("LOGIN") || key.equals("DEFAULT_SCHEMA")) || opts.containsKey(key)) {
                throw Errors.syntax(k.shown(), k.line());
            }
            c.expectSymbol("=");
            opts.put(key, key.equals("DEFAULT_SCHEMA") && c.accept("NULL") ? null : c.identifier());
        } while (c.acceptSymbol(","));
        return Statements.stmt(line, (s, o) -> SecurityOps.alterUser(s, name, opts));
    }

    /** GRANT/DENY/REVOKE server or endpoint permissions. */
    private Statements.Stmt grant(String verb, int line) {
        boolean grantOptionFor = false;
        if (verb.equals("REVOKE") && c.accept("GRANT")) {
            c.expect("OPTION");
            c.expect("FOR");
            grantOptionFor = true;
        }
        List<String> perms = new ArrayList<>();
        do {
            StringBuilder p = new StringBuilder();
            while (c.peek().isIdentifier() && !c.peek().is("ON") && !c.peek().is("TO") && !c.peek().is("FROM")) {
                if (p.length() > 0) p.append(' ');
                p.append(c.next().upper());
            }
            if (p.length() == 0) throw c.error();
            perms.add(p.toString());
        } while (c.acceptSymbol(","));
        String cls = null;
        String obj = null;
        if (c.accept("ON")) {
            cls = c.identifier().toUpperCase(Locale.ROOT);
            c.expectSymbol("::");
            obj = c.identifier();
        }
        if (!c.accept("TO")) c.expect("FROM");
        List<String> grantees = new ArrayList<>();
        do grantees.add(c.identifier()); while (c.acceptSymbol(","));
        boolean withGrant = false;
        boolean cascade = false;
        if (c.accept("WITH")) {
            c.expect("GRANT");
            c.expect("OPTION");
            withGrant = true;
        }
        if (c.accept("CASCADE")) cascade = true;
        if (c.accept("AS")) c.identifier();
        String fcls = cls;
        String fobj = obj;
        boolean fwg = withGrant;
        boolean fgo = grantOptionFor;
        boolean fcascade = cascade;
        return Statements.stmt(line, (s, o) -> SecurityOps.grant(s, verb, perms, fcls, fobj, grantees, fwg, fgo, fcascade));
    }

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    static byte[] unhex(String h) {
        return HexFormat.of().parseHex(h.length() % 2 == 1 ? "0" + h : h);
    }

}
