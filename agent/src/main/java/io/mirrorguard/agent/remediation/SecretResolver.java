package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.remediation.Placeholder;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Replaces plan placeholders with secrets at the last moment before a statement is sent. Generated passwords are
 * fresh per action, strong enough for SQL Server's password policy, used once and never stored. Values are written
 * inside the N'...' literal the planner put around the placeholder, so single quotes are doubled.
 */
public final class SecretResolver {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGIT = "23456789";
    private static final String SYMBOL = "!#%*+-=?@^_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Function<String, String> configuredSecrets;

    /** @param configuredSecrets secret name → value, or null when not configured */
    public SecretResolver(Function<String, String> configuredSecrets) {
        this.configuredSecrets = configuredSecrets;
    }

    /** The configured-secret names {@code sql} refers to that the configuration does not provide, in order. */
    public java.util.Set<String> missing(java.util.List<String> sql) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String statement : sql) {
            Matcher m = Placeholder.PATTERN.matcher(statement);
            while (m.find()) {
                if ("secret".equals(m.group(1)) && !available(m.group(2))) {
                    out.add(m.group(2));
                }
            }
        }
        return out;
    }

    private boolean available(String name) {
        try {
            String v = configuredSecrets.apply(name);
            return v != null && !v.isEmpty();
        } catch (RuntimeException e) {
            return false; // e.g. a ${file:...} secret whose file is gone: it cannot be used either
        }
    }

    /** A resolution scope: one per action, so a generated label means one password within it. */
    public Scope scope() {
        return new Scope();
    }

    public final class Scope {
        private final Map<String, String> generated = new HashMap<>();

        public String resolve(String sql) {
            Matcher m = Placeholder.PATTERN.matcher(sql);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = "secret".equals(m.group(1))
                        ? configured(m.group(2))
                        : generated.computeIfAbsent(m.group(2), k -> strongPassword());
                m.appendReplacement(out, Matcher.quoteReplacement(value.replace("'", "''")));
            }
            m.appendTail(out);
            return out.toString();
        }

        private String configured(String name) {
            String v = configuredSecrets.apply(name);
            if (v == null || v.isEmpty()) {
                throw new MissingSecretException(name);
            }
            return v;
        }
    }

    /** The plan needs a secret the configuration does not provide (names it, never a value). */
    public static final class MissingSecretException extends RuntimeException {
        public MissingSecretException(String name) {
            super("secret '" + name + "' is not configured (remediation." + name + ")");
        }
    }

    static String strongPassword() {
        String all = UPPER + LOWER + DIGIT + SYMBOL;
        char[] pw = new char[32];
        pw[0] = pick(UPPER);
        pw[1] = pick(LOWER);
        pw[2] = pick(DIGIT);
        pw[3] = pick(SYMBOL);
        for (int i = 4; i < pw.length; i++) {
            pw[i] = pick(all);
        }
        for (int i = pw.length - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char t = pw[i];
            pw[i] = pw[j];
            pw[j] = t;
        }
        return new String(pw);
    }

    private static char pick(String from) {
        return from.charAt(RANDOM.nextInt(from.length()));
    }
}
