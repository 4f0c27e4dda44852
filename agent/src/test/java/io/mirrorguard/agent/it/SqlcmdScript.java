package io.mirrorguard.agent.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a sqlcmd-mode script (the simulator's scenario files) into batches for real servers: {@code GO [n]},
 * {@code :CONNECT NAME}, {@code :setvar}, {@code $(VAR)}, {@code :r FILE} and {@code :on error exit}. Commands and
 * GO count only at the start of a line outside comments, strings and quoted identifiers. Simulator extensions
 * ({@code :fault}, {@code :clock}) raise {@link SimulatorOnly}: such scenarios cannot run on a real server.
 */
final class SqlcmdScript {

    /** One batch for one instance; {@code source} is file:line of its first line. */
    record Batch(String instance, String sql, int repeat, String source) {}

    static final class SimulatorOnly extends RuntimeException {
        SimulatorOnly(String message) {
            super(message);
        }
    }

    private static final Pattern GO = Pattern.compile("(?i)GO(?:\\s+(\\d+))?\\s*(?:--.*)?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final Function<String, String> includes;
    private final Map<String, String> overrides;
    private final Map<String, String> variables = new HashMap<>();
    private final List<Batch> batches = new ArrayList<>();
    private String instance;
    private StringBuilder current = new StringBuilder();
    private String currentSource;
    // lexical state carried across lines
    private int commentDepth;
    private boolean inString;
    private boolean inBracket;
    private boolean inQuoted;

    /**
     * @param includes  reads an included file by name
     * @param overrides variables that win over the script's own :setvar (like paths on the target machines)
     */
    private SqlcmdScript(Function<String, String> includes, Map<String, String> overrides) {
        this.includes = includes;
        this.overrides = Map.copyOf(overrides);
    }

    /** Parses a classpath resource; :r includes are read relative to the same classpath folder. */
    static List<Batch> fromClasspath(String resource, Map<String, String> overrides) {
        String folder = resource.contains("/") ? resource.substring(0, resource.lastIndexOf('/') + 1) : "";
        Function<String, String> loader = name -> read(folder + name);
        return parse(read(resource), resource, loader, overrides);
    }

    static List<Batch> parse(String text, String name, Function<String, String> includes, Map<String, String> overrides) {
        SqlcmdScript s = new SqlcmdScript(includes, overrides);
        s.run(text, name);
        s.endBatch(1);
        return List.copyOf(s.batches);
    }

    private void run(String text, String name) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = name + ":" + (i + 1);
            String trimmed = line.trim();
            boolean atCommandPosition = commentDepth == 0 && !inString && !inBracket && !inQuoted;
            if (atCommandPosition && trimmed.startsWith(":")) {
                command(trimmed, where);
                continue;
            }
            Matcher go = GO.matcher(trimmed);
            if (atCommandPosition && go.matches()) {
                endBatch(go.group(1) == null ? 1 : Integer.parseInt(go.group(1)));
                continue;
            }
            String expanded = expand(line, where);
            if (current.length() == 0 && trimmed.isEmpty()) {
                continue;
            }
            if (currentSource == null) {
                currentSource = where;
            }
            current.append(expanded).append('\n');
            scan(expanded);
        }
    }

    private void command(String line, String where) {
        String[] parts = line.split("\\s+", 3);
        String cmd = parts[0].toLowerCase(Locale.ROOT);
        switch (cmd) {
            case ":connect" -> {
                if (!current.toString().isBlank()) {
                    throw new IllegalArgumentException(where + ": :CONNECT inside an unterminated batch");
                }
                instance = parts[1];
            }
            case ":setvar" -> {
                String value = parts.length > 2 ? unquote(parts[2].trim()) : null;
                if (value == null) {
                    variables.remove(parts[1]);
                } else {
                    variables.put(parts[1], value);
                }
            }
            case ":r" -> run(includes.apply(unquote(line.substring(2).trim())), unquote(line.substring(2).trim()));
            case ":on" -> {
                // ":on error exit" is how these scripts are always run
            }
            case ":fault", ":clock" -> throw new SimulatorOnly(where + ": " + parts[0] + " is a simulator extension");
            default -> throw new IllegalArgumentException(where + ": unsupported sqlcmd command " + parts[0]);
        }
    }

    private String expand(String line, String where) {
        if (commentDepth > 0) {
            return line;
        }
        Matcher m = VARIABLE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = overrides.containsKey(m.group(1)) ? overrides.get(m.group(1)) : variables.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(where + ": undefined variable " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Tracks comments, strings and quoted identifiers so GO inside them is text. */
    private void scan(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
            if (commentDepth > 0) {
                if (c == '*' && next == '/') {
                    commentDepth--;
                    i++;
                } else if (c == '/' && next == '*') {
                    commentDepth++;
                    i++;
                }
            } else if (inString) {
                if (c == '\'') {
                    inString = false;
                }
            } else if (inBracket) {
                if (c == ']') {
                    inBracket = false;
                }
            } else if (inQuoted) {
                if (c == '"') {
                    inQuoted = false;
                }
            } else if (c == '-' && next == '-') {
                return;
            } else if (c == '/' && next == '*') {
                commentDepth++;
                i++;
            } else if (c == '\'') {
                inString = true;
            } else if (c == '[') {
                inBracket = true;
            } else if (c == '"') {
                inQuoted = true;
            }
        }
    }

    private void endBatch(int repeat) {
        String sql = current.toString();
        if (!sql.isBlank()) {
            if (instance == null) {
                throw new IllegalArgumentException(currentSource + ": batch before any :CONNECT");
            }
            batches.add(new Batch(instance, sql, repeat, currentSource));
        }
        current = new StringBuilder();
        currentSource = null;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String read(String resource) {
        try (InputStream in = SqlcmdScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
