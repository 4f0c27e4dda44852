package io.mirrorguard.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes the agent's YAML config for a running simulator (the format of docs/design/contracts.md). Passwords go to
 * files under {@code secrets/} next to the config, readable by the owner only, and the config refers to them as
 * {@code ${file:secrets/...}}: the config itself never holds a secret.
 */
public final class InventoryWriter {

    /** Secret file names under {@code secrets/}, relative to the config file. */
    public static final String AUDIT_SECRET = "secrets/audit.password";
    public static final String SA_SECRET = "secrets/sa.password";
    public static final String TRUST_STORE_SECRET = "secrets/truststore.password";
    /** Bearer token for the agent's mutating HTTP calls; random per inventory, so no environment is needed. */
    public static final String API_TOKEN_SECRET = "secrets/api.token";

    private InventoryWriter() {}

    /** What the inventory describes. {@code ports} maps instance name to TCP port, in the order to list them. */
    public record Fleet(Map<String, Integer> ports, Path trustStore, String auditPassword, String saPassword,
                        String trustStorePassword, int httpPort) {
        public Fleet(Map<String, Integer> ports, Path trustStore, String auditPassword, String saPassword,
                     String trustStorePassword) {
            this(ports, trustStore, auditPassword, saPassword, trustStorePassword, DEFAULT_HTTP_PORT);
        }
    }

    /** The agent's default HTTP port, written as {@code http.port} unless the caller chose another. */
    public static final int DEFAULT_HTTP_PORT = 9440;

    public static void write(Path configFile, Fleet fleet) throws IOException {
        Path config = configFile.toAbsolutePath().normalize();
        Path dir = config.getParent();
        Files.createDirectories(dir);
        Path secrets = dir.resolve("secrets");
        createPrivateDirectory(secrets);
        writePrivate(dir.resolve(AUDIT_SECRET), fleet.auditPassword());
        writePrivate(dir.resolve(SA_SECRET), fleet.saPassword());
        writePrivate(dir.resolve(TRUST_STORE_SECRET), fleet.trustStorePassword());
        writePrivate(dir.resolve(API_TOKEN_SECRET), randomToken());
        Files.writeString(config, yaml(dir, fleet), StandardCharsets.UTF_8);
    }

    static String yaml(Path configDir, Fleet fleet) {
        Path ts = fleet.trustStore().toAbsolutePath().normalize();
        String trustStore = configDir.equals(ts.getParent()) ? ts.getFileName().toString() : ts.toString();
        StringBuilder y = new StringBuilder();
        y.append("# Written by the mirrorguard simulator for its current run; passwords are in secrets/ (0600).\n");
        y.append("instances:\n");
        for (Map.Entry<String, Integer> e : fleet.ports().entrySet()) {
            String name = e.getKey();
            y.append("  - name: ").append(q(name)).append('\n');
            y.append("    host: ").append(q(SimulatorDefaults.HOST)).append('\n');
            y.append("    port: ").append(e.getValue()).append('\n');
            y.append("    auth:\n");
            y.append("      type: sql\n");
            y.append("      user: ").append(q(SimulatorDefaults.AUDIT_LOGIN)).append('\n');
            y.append("      password: ").append(q("${file:" + AUDIT_SECRET + "}")).append('\n');
            y.append("    remediationAuth:\n");
            y.append("      type: sql\n");
            y.append("      user: ").append(q(SimulatorDefaults.SA_LOGIN)).append('\n');
            y.append("      password: ").append(q("${file:" + SA_SECRET + "}")).append('\n');
            y.append("    tls:\n");
            y.append("      encrypt: true\n");
            y.append("      trustServerCertificate: false\n");
            y.append("      hostNameInCertificate: ").append(q(SimulatorDefaults.CERT_HOST_NAME)).append('\n');
            y.append("      trustStore: ").append(q(trustStore)).append('\n');
            y.append("      trustStorePassword: ").append(q("${file:" + TRUST_STORE_SECRET + "}")).append('\n');
            y.append("      trustStoreType: PKCS12\n");
            y.append("    loginTimeoutSeconds: 10\n");
            y.append("    queryTimeoutSeconds: 30\n");
            y.append("    aliases: [").append(q(name + ".*")).append("]\n");
            y.append("    tags: {env: simulator}\n");
        }
        y.append("""
                schedule:
                  cron: "0 */5 * * * ?"
                  jitterSeconds: 30
                  concurrency: 4
                policy:
                  expiryWarningDays: 30
                  expiryHighDays: 7
                  allowWindowsFallback: false
                  minimumKeyBits: 2048
                rules:
                  disabled: []
                  severity: {}
                waivers: []
                http:
                  bind: 127.0.0.1
                  port: %d
                  tokens: ["${file:%s}"]
                storage:
                  path: ./mirrorguard-data
                  retentionDays: 30
                remediation:
                  enabled: false
                """.formatted(fleet.httpPort(), API_TOKEN_SECRET));
        return y.toString();
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** A YAML double-quoted scalar: safe for any name (quotes, colons, #, non-ASCII, control characters). */
    static String q(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (posix(dir)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates the file with owner-only permissions before any secret is written to it. */
    private static void writePrivate(Path file, String secret) throws IOException {
        if (posix(file)) {
            var perms = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(perms));
            } catch (FileAlreadyExistsException e) {
                Files.setPosixFilePermissions(file, perms);
            }
        }
        Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
