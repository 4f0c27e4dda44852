package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.model.Certificate;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.DatabasePrincipal;
import io.mirrorguard.simulator.engine.model.MasterKey;
import io.mirrorguard.simulator.engine.security.Certificates;
import io.mirrorguard.simulator.engine.security.Passwords;
import io.mirrorguard.simulator.engine.security.Pvk;
import io.mirrorguard.simulator.engine.tsql.Cursor;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Database master keys and certificates. */
final class CertificateOps {

    private CertificateOps() {}

    // ---------------------------------------------------------------- master key

    static Statements.Stmt parseMasterKey(Cursor c, String verb, int line) {
        switch (verb) {
            case "CREATE" -> {
                c.expect("ENCRYPTION"); c.expect("BY"); c.expect("PASSWORD"); c.expectSymbol("=");
                String pw = c.string();
                return Statements.stmt(line, (s, o) -> createMasterKey(s, pw));
            }
            case "DROP" -> { return Statements.stmt(line, (s, o) -> dropMasterKey(s)); }
            default -> {
                boolean force = c.accept("FORCE");
                if (force || c.accept("REGENERATE")) {
                    if (force) c.expect("REGENERATE");
                    c.expect("WITH"); c.expect("ENCRYPTION"); c.expect("BY"); c.expect("PASSWORD"); c.expectSymbol("=");
                    String pw = c.string();
                    return Statements.stmt(line, (s, o) -> regenerateMasterKey(s, pw, force));
                }
                boolean add = c.accept("ADD");
                if (!add) c.expect("DROP");
                c.expect("ENCRYPTION"); c.expect("BY");
                if (c.accept("SERVICE")) {
                    c.expect("MASTER"); c.expect("KEY");
                    return Statements.stmt(line, (s, o) -> alterMasterKeySmk(s, add));
                }
                c.expect("PASSWORD"); c.expectSymbol("=");
                String pw = c.string();
                return Statements.stmt(line, (s, o) -> alterMasterKeyPassword(s, add, pw));
            }
        }
    }

    private static void requireControlDb(EngineSession s) {
        if (!s.isSysadmin()) throw Errors.noPermissionAction();
    }

    static void createMasterKey(EngineSession s, String password) {
        Database d = s.currentDb();
        requireControlDb(s);
        if (d.masterKey != null) throw Errors.masterKeyExists();
        MasterKey k = new MasterKey(s.now(), UUID.randomUUID());
        byte[] salt = Passwords.salt();
        k.passwords.add(new byte[][] {salt, Passwords.hash(password, salt)});
        d.masterKey = k;
        s.fleet().changed();
    }

    static MasterKey requireMasterKey(Database d) {
        if (d.masterKey == null) throw Errors.cannot("find", "symmetric key", "##MS_DatabaseMasterKey##");
        return d.masterKey;
    }

    static void dropMasterKey(EngineSession s) {
        Database d = s.currentDb();
        requireControlDb(s);
        requireMasterKey(d);
        for (Certificate c : d.certificates.values()) {
            if ("MK".equals(c.pvtKeyEncryptionType)) throw Errors.cannotDropEncrypting("master key", "certificate", c.name);
        }
        d.masterKey = null;
        s.openMasterKeys.remove(d.name.toLowerCase(Locale.ROOT));
        s.fleet().changed();
    }

    static void alterMasterKeySmk(EngineSession s, boolean add) {
        Database d = s.currentDb();
        requireControlDb(s);
        MasterKey k = requireMasterKey(d);
        if (add) {
            // adding the service master key encryption again re-encrypts the key: scripts run it unconditionally
            if (!isOpen(s, d)) throw Errors.createMasterKeyFirst();
            k.encryptedByServiceMasterKey = true;
        } else {
            if (!k.encryptedByServiceMasterKey) throw Errors.keyNotEncryptedBy();
            k.encryptedByServiceMasterKey = false;
        }
        k.modifyDate = s.now();
        s.fleet().changed();
    }

    /** REGENERATE replaces the key and its password encryptions; the service master key encryption is kept. */
    static void regenerateMasterKey(EngineSession s, String password, boolean force) {
        Database d = s.currentDb();
        requireControlDb(s);
        MasterKey k = requireMasterKey(d);
        if (!force && !isOpen(s, d)) throw Errors.masterKeyCannotDecrypt();
        byte[] salt = Passwords.salt();
        k.passwords.clear();
        k.passwords.add(new byte[][] {salt, Passwords.hash(password, salt)});
        k.modifyDate = s.now();
        s.fleet().changed();
    }

    static void alterMasterKeyPassword(EngineSession s, boolean add, String password) {
        Database d = s.currentDb();
        requireControlDb(s);
        MasterKey k = requireMasterKey(d);
        if (add) {
            if (!isOpen(s, d)) throw Errors.createMasterKeyFirst();
            byte[] salt = Passwords.salt();
            k.passwords.add(new byte[][] {salt, Passwords.hash(password, salt)});
        } else {
            var match = k.passwords.stream().filter(p -> Passwords.matches(password, p[0], p[1])).findFirst();
            if (match.isEmpty()) throw Errors.keyNotEncryptedBy();
            if (k.passwords.size() == 1 && !k.encryptedByServiceMasterKey) {
                throw Errors.generic(15101, 16, "Cannot drop the last encryption of the master key.");
            }
            k.passwords.remove(match.get());
        }
        k.modifyDate = s.now();
        s.fleet().changed();
    }

    static void openMasterKey(EngineSession s, String password) {
        Database d = s.currentDb();
        MasterKey k = requireMasterKey(d);
        // a wrong password is Msg 15313 (sys.messages severity 10, raised at 16)
        if (k.passwords.stream().noneMatch(p -> Passwords.matches(password, p[0], p[1]))) throw Errors.keyNotEncryptedBy();
        s.openMasterKeys.add(d.name.toLowerCase(Locale.ROOT));
    }

    /** The DMK can be used in this session: opened explicitly, or decrypted automatically by the service master key. */
    static boolean isOpen(EngineSession s, Database d) {
        return d.masterKey != null && (d.masterKey.encryptedByServiceMasterKey || s.openMasterKeys.contains(d.name.toLowerCase(Locale.ROOT)));
    }

    // ---------------------------------------------------------------- certificates

    private record CreateSpec(String name, String owner, String subject, String start, String expiry, String encPassword,
                              String file, byte[] binary, Map<String, Object> privateKey, boolean activeDialog,
                              boolean unicodeDates) {}

    static Statements.Stmt parseCreate(Cursor c, int line) {
        String name = c.identifier();
        String owner = c.accept("AUTHORIZATION") ? c.identifier() : null;
        String subject = null;
        String start = null;
        String expiry = null;
        String enc = null;
        String file = null;
        byte[] binary = null;
        Map<String, Object> pk = null;
        boolean unicodeDates = false;
        if (c.accept("FROM")) {
            c.accept("EXECUTABLE");
            if (c.accept("FILE")) {
                c.expectSymbol("=");
                file = c.string();
            } else if (c.accept("BINARY")) {
                c.expectSymbol("=");
                Token h = c.next();
                if (h.kind() != Token.Kind.HEX) throw io.mirrorguard.simulator.engine.Errors.syntax(h.shown(), h.line());
                binary = Ddl.unhex(h.text());
            } else {
                throw c.error();
            }
            if (c.accept("WITH")) {
                c.expect("PRIVATE");
                c.expect("KEY");
                pk = privateKeyOptions(c);
            }
        } else {
            if (c.accept("ENCRYPTION")) {
                c.expect("BY"); c.expect("PASSWORD"); c.expectSymbol("=");
                enc = c.string();
            }
            c.expect("WITH");
            do {
                Token k = c.next();
                c.expectSymbol("=");
                unicodeDates |= c.peek().kind() == Token.Kind.NSTRING && !k.is("SUBJECT");
                String v = c.string();
                switch (k.upper()) {
                    case "SUBJECT" -> subject = v;
                    case "START_DATE" -> start = v;
                    case "EXPIRY_DATE" -> expiry = v;
                    default -> throw io.mirrorguard.simulator.engine.Errors.syntax(k.shown(), k.line());
                }
            } while (c.acceptSymbol(","));
            if (subject == null) throw c.error();
        }
        boolean dialog = true;
        if (c.accept("ACTIVE")) {
            c.expect("FOR"); c.expect("BEGIN_DIALOG"); c.expectSymbol("=");
            dialog = c.next().is("ON");
        }
        CreateSpec spec = new CreateSpec(name, owner, subject, start, expiry, enc, file, binary, pk, dialog, unicodeDates);
        return Statements.stmt(line, (s, o) -> create(s, spec));
    }

    /** ( FILE = '..' | BINARY = 0x.., DECRYPTION BY PASSWORD = '..', ENCRYPTION BY PASSWORD = '..' ) */
    private static Map<String, Object> privateKeyOptions(Cursor c) {
        Map<String, Object> m = new LinkedHashMap<>();
        c.expectSymbol("(");
        do {
            if (c.accept("FILE")) { c.expectSymbol("="); m.put("FILE", c.string()); }
            else if (c.accept("BINARY")) {
                c.expectSymbol("=");
                Token h = c.next();
                if (h.kind() != Token.Kind.HEX) throw io.mirrorguard.simulator.engine.Errors.syntax(h.shown(), h.line());
                m.put("BINARY", Ddl.unhex(h.text()));
            } else if (c.accept("DECRYPTION")) { c.expect("BY"); c.expect("PASSWORD"); c.expectSymbol("="); m.put("DECRYPTION", c.string()); }
            else if (c.accept("ENCRYPTION")) { c.expect("BY"); c.expect("PASSWORD"); c.expectSymbol("="); m.put("ENCRYPTION", c.string()); }
            else throw c.error();
        } while (c.acceptSymbol(","));
        c.expectSymbol(")");
        return m;
    }

    private static void create(EngineSession s, CreateSpec spec) {
        Database d = s.currentDb();
        requireControlDb(s);
        if (d.certificate(spec.name()).isPresent()) throw Errors.certExists(spec.name());
        int ownerId = 1;
        if (spec.owner() != null) {
            DatabasePrincipal u = d.principal(spec.owner()).orElseThrow(() -> Errors.cannot("find", "user", spec.owner()));
            if (u.type == 'R' || u.type == 'C') throw Errors.ownershipNotAllowed("CERTIFICATE");
            ownerId = u.id;
        }
        X509Certificate x;
        byte[] der;
        java.security.PrivateKey key = null;
        if (spec.subject() != null) {
            if (spec.subject().isEmpty() || spec.subject().length() > 128) throw Errors.subjectLength(128);
            LocalDateTime start = spec.start() == null ? s.now().withNano(0) : DateLiterals.parse(spec.start(), spec.unicodeDates());
            LocalDateTime expiry = spec.expiry() == null ? start.plusYears(1) : DateLiterals.parse(spec.expiry(), spec.unicodeDates());
            if (!expiry.isAfter(start)) throw Errors.invalidValidity();
            if (spec.encPassword() == null && !isOpen(s, d)) throw Errors.createMasterKeyFirst();
            Certificates.Generated g = Certificates.selfSigned(spec.subject(), start, expiry, s.fleet().keys());
            x = g.certificate();
            der = g.der();
            key = g.privateKey();
        } else {
            byte[] bytes = spec.binary();
            if (bytes == null) bytes = readFile(s, spec.file());
            try {
                x = Certificates.parse(bytes);
            } catch (IllegalArgumentException e) {
                throw spec.binary() != null ? Errors.certDataInvalid() : Errors.certFileInvalid();
            }
            der = bytes;
            if (spec.privateKey() != null) key = importKey(s, d, spec.privateKey(), x);
        }
        Certificate cert = build(d, spec.name(), ownerId, der, x);
        cert.activeForBeginDialog = spec.activeDialog();
        if (key != null) {
            cert.privateKey = key;
            String enc = spec.encPassword() != null ? spec.encPassword()
                : spec.privateKey() != null ? (String) spec.privateKey().get("ENCRYPTION") : null;
            if (enc != null) {
                cert.pvtKeyEncryptionType = "PW";
                cert.keyPasswordSalt = Passwords.salt();
                cert.keyPasswordHash = Passwords.hash(enc, cert.keyPasswordSalt);
            } else {
                cert.pvtKeyEncryptionType = "MK";
            }
        }
        d.certificates.put(Database.key(spec.name()), cert);
        s.fleet().changed();
    }

    private static java.security.PrivateKey importKey(EngineSession s, Database d, Map<String, Object> pk, X509Certificate x) {
        byte[] data = pk.containsKey("BINARY") ? (byte[]) pk.get("BINARY") : readFile(s, (String) pk.get("FILE"));
        if (!pk.containsKey("ENCRYPTION") && !isOpen(s, d)) throw Errors.createMasterKeyFirst();
        RSAPrivateCrtKey key;
        try {
            key = Pvk.read(data, (String) pk.get("DECRYPTION"));
        } catch (Pvk.InvalidPassword e) {
            throw Errors.privateKeyPasswordInvalid();
        } catch (IllegalArgumentException e) {
            throw pk.containsKey("BINARY") ? Errors.certDataInvalid() : Errors.certFileInvalid();
        }
        if (!(x.getPublicKey() instanceof RSAPublicKey pub) || !pub.getModulus().equals(key.getModulus())) {
            throw Errors.privateKeyMismatch("certificate");
        }
        return key;
    }

    static Certificate build(Database d, String name, int ownerId, byte[] der, X509Certificate x) {
        byte[] thumb = Certificates.sha1(der);
        byte[] sid = new byte[12 + thumb.length];
        sid[0] = 1;
        sid[1] = 6;
        sid[7] = 9;
        sid[8] = 1;
        System.arraycopy(thumb, 0, sid, 12, thumb.length);
        Certificate cert = new Certificate(d.nextCertificateId++, name, ownerId, der, x.getPublicKey(),
            Certificates.displayName(x.getSubjectX500Principal()), Certificates.displayName(x.getIssuerX500Principal()),
            Certificates.serialText(x.getSerialNumber()), Certificates.utc(x.getNotBefore()), Certificates.utc(x.getNotAfter()),
            thumb, sid);
        return cert;
    }

    /** Resolves a path of a T-SQL file option inside the fleet's file area (see {@link FileArea}). */
    static Path resolve(EngineSession s, String path) {
        Path r = FileArea.resolve(s.fleet().fileArea(), path);
        if (r == null) throw Errors.cannotWriteFile(path);
        return r;
    }

    static byte[] readFile(EngineSession s, String path) {
        Path p = FileArea.resolve(s.fleet().fileArea(), path);
        try {
            if (p == null) throw new IOException("outside the file area");
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw Errors.certFileInvalid();
        }
    }

    static Statements.Stmt parseAlter(Cursor c, int line) {
        String name = c.identifier();
        if (c.accept("REMOVE")) {
            c.expect("PRIVATE");
            c.expect("KEY");
            return Statements.stmt(line, (s, o) -> removePrivateKey(s, name));
        }
        c.expect("WITH");
        if (c.accept("ACTIVE")) {
            c.expect("FOR"); c.expect("BEGIN_DIALOG"); c.expectSymbol("=");
            boolean on = c.next().is("ON");
            return Statements.stmt(line, (s, o) -> {
                findCert(s, name).activeForBeginDialog = on;
                s.fleet().changed();
            });
        }
        c.expect("PRIVATE");
        c.expect("KEY");
        Map<String, Object> opts = privateKeyOptions(c);
        return Statements.stmt(line, (s, o) -> alterPrivateKey(s, name, opts));
    }

    static Certificate findCert(EngineSession s, String name) {
        Database d = s.currentDb();
        Certificate cert = d.certificate(name).orElse(null);
        if (cert == null || !s.isSysadmin() && !CatalogRows.certificateVisible(s, d, cert)) throw Errors.cannot("find", "certificate", name);
        if (!s.isSysadmin()) throw Errors.cannot("find", "certificate", name);
        return cert;
    }

    private static void removePrivateKey(EngineSession s, String name) {
        Certificate cert = findCert(s, name);
        if (cert.privateKey == null) throw Errors.noPrivateKey("certificate");
        cert.privateKey = null;
        cert.pvtKeyEncryptionType = "NA";
        cert.keyPasswordHash = null;
        cert.keyPasswordSalt = null;
        s.fleet().changed();
    }

    private static void alterPrivateKey(EngineSession s, String name, Map<String, Object> opts) {
        Certificate cert = findCert(s, name);
        Database d = s.currentDb();
        if (opts.containsKey("FILE") || opts.containsKey("BINARY")) {
            if (cert.privateKey != null) throw Errors.generic(15332, 16, "The private key is already set for this file. To change it you should drop and re-create the certificate.");
            cert.privateKey = importKey(s, d, opts, Certificates.parse(cert.der));
        } else {
            if (cert.privateKey == null) throw Errors.noPrivateKey("certificate");
            String dec = (String) opts.get("DECRYPTION");
            if ("PW".equals(cert.pvtKeyEncryptionType)) {
                if (dec == null || !Passwords.matches(dec, cert.keyPasswordSalt, cert.keyPasswordHash)) {
                    throw dec == null ? Errors.privateKeyPasswordNeeded("certificate") : Errors.decryptionError();
                }
            } else if (dec != null) {
                throw Errors.noDecryptionPasswordForMk("certificate");
            }
        }
        String enc = (String) opts.get("ENCRYPTION");
        if (enc != null) {
            cert.pvtKeyEncryptionType = "PW";
            cert.keyPasswordSalt = Passwords.salt();
            cert.keyPasswordHash = Passwords.hash(enc, cert.keyPasswordSalt);
        } else {
            if (!isOpen(s, d)) throw Errors.createMasterKeyFirst();
            cert.pvtKeyEncryptionType = "MK";
            cert.keyPasswordHash = null;
            cert.keyPasswordSalt = null;
        }
        s.fleet().changed();
    }

    static void drop(EngineSession s, String name) {
        Database d = s.currentDb();
        Certificate cert = d.certificate(name).orElse(null);
        if (cert == null || !s.isSysadmin()) throw Errors.cannot("drop", "certificate", name);
        if (d.name.equalsIgnoreCase("master")) {
            boolean usedByEndpoint = s.state().endpoints.values().stream()
                .anyMatch(e -> e.isMirroring() && e.usesCertificate() && e.certificateId == cert.id);
            if (usedByEndpoint) throw Errors.cannotDropInUse("certificate");
            boolean mapped = s.state().serverPrincipals.values().stream().anyMatch(p -> p.certificateId != null && p.certificateId == cert.id);
            if (mapped) throw Errors.certMappedToLogin(cert.name);
        }
        d.certificates.remove(Database.key(cert.name));
        s.fleet().changed();
    }

    // ---------------------------------------------------------------- backup

    static Statements.Stmt parseBackup(Cursor c, int line) {
        String name = c.identifier();
        c.expect("TO");
        c.expect("FILE");
        c.expectSymbol("=");
        String file = c.string();
        Map<String, Object> pk = null;
        if (c.accept("WITH")) {
            c.expect("PRIVATE");
            c.expect("KEY");
            pk = privateKeyOptions(c);
        }
        Map<String, Object> fpk = pk;
        return Statements.stmt(line, (s, o) -> backup(s, name, file, fpk));
    }

    private static void backup(EngineSession s, String name, String file, Map<String, Object> pk) {
        Database d = s.currentDb();
        Certificate cert = d.certificate(name).orElse(null);
        if (cert == null || !s.isSysadmin()) throw Errors.cannot("find", "certificate", name);
        Path out = resolve(s, file);
        if (Files.exists(out)) throw Errors.cannotWriteFile(file);
        byte[] pvk = null;
        Path keyOut = null;
        if (pk != null) {
            String keyFile = (String) pk.get("FILE");
            String enc = (String) pk.get("ENCRYPTION");
            if (keyFile == null || enc == null) throw Errors.syntax(")", 1);
            if (cert.privateKey == null) throw Errors.noPrivateKeyToDump(cert.name);
            String dec = (String) pk.get("DECRYPTION");
            if ("PW".equals(cert.pvtKeyEncryptionType)) {
                if (dec == null) throw Errors.privateKeyPasswordNeeded("certificate");
                if (!Passwords.matches(dec, cert.keyPasswordSalt, cert.keyPasswordHash)) throw Errors.decryptionError();
            } else {
                if (dec != null) throw Errors.noDecryptionPasswordForMk("certificate");
                if (!isOpen(s, d)) throw Errors.createMasterKeyFirst();
            }
            keyOut = resolve(s, keyFile);
            if (Files.exists(keyOut)) throw Errors.cannotWriteFile(keyFile);
            pvk = Pvk.write((RSAPrivateCrtKey) cert.privateKey, enc);
        }
        try {
            Files.createDirectories(out.getParent());
            Files.write(out, cert.der);
            if (pvk != null) {
                Files.createDirectories(keyOut.getParent());
                Files.write(keyOut, pvk);
                cert.pvtKeyLastBackupDate = s.now();
                s.fleet().changed();
            }
        } catch (IOException e) {
            throw Errors.cannotWriteFile(file);
        }
    }

    static boolean samePublicKey(Certificate a, Certificate b) {
        return Arrays.equals(a.publicKey.getEncoded(), b.publicKey.getEncoded());
    }
}
