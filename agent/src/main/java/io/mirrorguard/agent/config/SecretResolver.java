package io.mirrorguard.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:VAR}} and {@code ${file:PATH}} (PATH relative to the configuration file's directory).
 * Problems name the variable or the file, never a value.
 */
final class SecretResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final Function<String, String> environment;
    private final Path baseDirectory;

    SecretResolver(Function<String, String> environment, Path baseDirectory) {
        this.environment = environment;
        this.baseDirectory = baseDirectory;
    }

    Secret resolve(String text, String path, Problems problems) {
        Matcher m = REFERENCE.matcher(text.trim());
        if (!m.matches()) {
            if (text.contains("${")) {
                problems.add(path, "unsupported secret reference; write the whole value as ${env:VAR} or ${file:PATH}");
                return null;
            }
            if (text.isEmpty()) {
                problems.add(path, "must not be empty");
                return null;
            }
            return Secret.inline(text);
        }
        String target = m.group(2).trim();
        if ("env".equals(m.group(1))) {
            String value = environment.apply(target);
            if (value == null) {
                problems.add(path, "environment variable " + target + " is not set");
                return null;
            }
            if (value.isEmpty()) {
                problems.add(path, "environment variable " + target + " is empty");
                return null;
            }
            return Secret.fromEnv(target, value);
        }
        Path file = baseDirectory.resolve(target).normalize();
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.add(path, "cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
        value = stripFinalNewline(value);
        if (value.isEmpty()) {
            problems.add(path, "secret file " + file + " is empty");
            return null;
        }
        return Secret.fromFile(file.toString(), value);
    }

    /** Editors add a final newline; it is never part of a password. */
    private static String stripFinalNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    Path baseDirectory() {
        return baseDirectory;
    }
}
