package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.Fault;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario written in sqlcmd mode into {@link ScenarioStep}s.
 *
 * <p>Standard sqlcmd: {@code :CONNECT NAME}, {@code GO [count]}, {@code :setvar NAME [value]}, {@code $(NAME)},
 * {@code :r FILE}, {@code :on error exit}. Simulator extensions: {@code :clock ISO-INSTANT} and
 * {@code :fault NAME KIND [ARG]}. Commands and {@code GO} are recognised only at the start of a line that is not
 * inside a comment, string or quoted identifier, so a {@code GO} in a multi-line string stays T-SQL text.
 * Variables are substituted in code, strings and quoted identifiers, not in comments (unlike sqlcmd, which also
 * expands them in comments: a commented-out {@code $(X)} never makes a scenario fail here).
 *
 * <p>A parser instance is single-use and not thread-safe.
 */
public final class ScenarioParser {

    private static final Pattern GO = Pattern.compile("(?i)\\s*GO(?:\\s+(\\S+))?\\s*(?:--.*)?");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final int MAX_INCLUDE_DEPTH = 16;
    /** Upper bound of {@code GO n}: enough to load a catalog in a loop, small enough that a typo cannot hang a run. */
    static final int MAX_GO_COUNT = 10_000;

    private enum Lex { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, BRACKET, DQUOTE }

    private final Map<String, String> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<ScenarioStep> steps = new ArrayList<>();
    private final Deque<ScenarioSource> includeStack = new ArrayDeque<>();

    private String instance;
    private final StringBuilder batch = new StringBuilder();
    private final List<SourceLine> batchLines = new ArrayList<>();
    private boolean batchHasCode;
    private SourceLine batchCodeStart;

    private Lex lex = Lex.CODE;
    private int commentDepth;
    private SourceLine openedAt;

    private ScenarioParser() {}

    /** Parses a scenario and everything it includes. */
    public static Scenario parse(ScenarioSource source) {
        return parse(source, Map.of());
    }

    /** Parses with predefined variables (as {@code sqlcmd -v NAME=value}); {@code :setvar} overrides them. */
    public static Scenario parse(ScenarioSource source, Map<String, String> predefined) {
        var p = new ScenarioParser();
        p.vars.putAll(predefined);
        String text = readTop(source);
        p.parseText(source, text);
        if (p.lex == Lex.STRING || p.lex == Lex.BRACKET || p.lex == Lex.DQUOTE) {
            throw new ScenarioException(p.openedAt, "unterminated " + describe(p.lex) + " (it runs to the end of "
                    + source.name() + ")");
        }
        if (p.lex == Lex.BLOCK_COMMENT) {
            throw new ScenarioException(p.openedAt, "unterminated /* comment (it runs to the end of "
                    + source.name() + ")");
        }
        p.endBatch(new SourceLine(source.name(), lineCount(text)), 1);
        p.requireDeclaredFaultTargets();
        return new Scenario(source.name(), p.steps);
    }

    /**
     * A {@code :fault} must name an instance the scenario runs a batch on (anywhere, also after the fault, since faults
     * apply at the end); otherwise a typo would silently create an empty instance that nothing audits as intended.
     */
    private void requireDeclaredFaultTargets() {
        Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ScenarioStep st : steps) {
            if (st instanceof ScenarioStep.Batch b) declared.add(b.instance());
        }
        for (ScenarioStep st : steps) {
            if (st instanceof ScenarioStep.InjectFault f && !declared.contains(f.instance())) {
                throw new ScenarioException(f.where(), ":fault names instance '" + f.instance()
                        + "', which this scenario does not declare (no batch runs on it; declared: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
            }
        }
    }

    private static String readTop(ScenarioSource source) {
        try {
            return source.read();
        } catch (IOException e) {
            throw new ScenarioException(new SourceLine(source.name(), 0), "cannot read scenario: " + e);
        }
    }

    private void parseText(ScenarioSource source, String text) {
        includeStack.push(source);
        try {
            String[] lines = text.split("\r\n|\r|\n", -1);
            int n = lines.length;
            if (n > 0 && lines[n - 1].isEmpty()) n--; // a final newline does not start another line
            for (int i = 0; i < n; i++) {
                parseLine(lines[i], new SourceLine(source.name(), i + 1), source);
            }
        } finally {
            includeStack.pop();
        }
    }

    private static int lineCount(String text) {
        return Math.max(1, (int) text.lines().count());
    }

    private void parseLine(String raw, SourceLine where, ScenarioSource source) {
        if (lex == Lex.CODE) {
            String trimmed = raw.strip();
            Matcher go = GO.matcher(raw);
            if (go.matches()) {
                endBatch(where, goCount(go.group(1), where));
                return;
            }
            if (trimmed.startsWith(":") && !trimmed.startsWith("::")) {
                command(substitute(trimmed, where, false), where, source);
                return;
            }
            if (trimmed.startsWith("!!")) {
                throw new ScenarioException(where, "'!!' (run an operating system command) is not supported");
            }
        }
        String line = substitute(raw, where, true);
        if (!batchLines.isEmpty()) batch.append('\n');
        batch.append(line);
        batchLines.add(where);
    }

    private static int goCount(String arg, SourceLine where) {
        if (arg == null) return 1;
        long n;
        try {
            n = Long.parseLong(arg);
        } catch (NumberFormatException e) {
            n = arg.matches("\\d+") ? Long.MAX_VALUE : 0; // digits beyond long are over the bound, not "not a number"
        }
        if (n > MAX_GO_COUNT) {
            throw new ScenarioException(where, "GO count must be at most " + MAX_GO_COUNT + ", got '" + arg + "'");
        }
        if (n >= 1) return (int) n;
        throw new ScenarioException(where, "GO count must be a positive whole number, got '" + arg + "'");
    }

    /**
     * Expands {@code $(NAME)} and, when {@code track} is set, advances the lexer state over the line. Text coming
     * from a variable is lexed but not expanded again.
     */
    private String substitute(String line, SourceLine where, boolean track) {
        StringBuilder out = new StringBuilder(line.length());
        Lex state = lex;
        int i = 0;
        int literalUntil = 0; // characters before this index came from a variable value: do not expand them
        String text = line;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            boolean expandable = state != Lex.LINE_COMMENT && state != Lex.BLOCK_COMMENT;
            if (expandable && i >= literalUntil && c == '$' && next == '(') {
                int close = text.indexOf(')', i + 2);
                String name = close < 0 ? "" : text.substring(i + 2, close);
                if (close < 0 || !VAR_NAME.matcher(name).matches()) {
                    throw new ScenarioException(where, "malformed variable reference near '"
                            + text.substring(i, Math.min(text.length(), i + 20)) + "' (expected $(NAME))");
                }
                String value = vars.get(name);
                if (value == null) {
                    throw new ScenarioException(where, "variable '" + name + "' is not defined (use :setvar "
                            + name + " value before this line)");
                }
                text = text.substring(0, i) + value + text.substring(close + 1);
                literalUntil = i + value.length();
                continue;
            }
            if (track) {
                int consumed = step(state, c, next, where);
                state = lex;
                out.append(c);
                if (consumed == 2) {
                    out.append(next);
                    i++;
                }
            } else {
                out.append(c);
            }
            i++;
        }
        if (track && lex == Lex.LINE_COMMENT) lex = Lex.CODE;
        return out.toString();
    }

    /** Advances the lexer over {@code c}; returns 2 when {@code next} belongs to the same token. */
    private int step(Lex state, char c, char next, SourceLine where) {
        switch (state) {
            case CODE -> {
                if (c == '-' && next == '-') {
                    lex = Lex.LINE_COMMENT;
                    return 2;
                }
                if (c == '/' && next == '*') {
                    lex = Lex.BLOCK_COMMENT;
                    commentDepth = 1;
                    openedAt = where;
                    return 2;
                }
                if (c == '\'' || c == '[' || c == '"') {
                    lex = c == '\'' ? Lex.STRING : c == '[' ? Lex.BRACKET : Lex.DQUOTE;
                    openedAt = where;
                    markCode(where);
                    return 1;
                }
                if (!Character.isWhitespace(c)) markCode(where);
                return 1;
            }
            case BLOCK_COMMENT -> {
                // T-SQL block comments nest.
                if (c == '/' && next == '*') {
                    commentDepth++;
                    return 2;
                }
                if (c == '*' && next == '/') {
                    if (--commentDepth == 0) lex = Lex.CODE;
                    return 2;
                }
                return 1;
            }
            case STRING, BRACKET, DQUOTE -> {
                char closer = state == Lex.STRING ? '\'' : state == Lex.BRACKET ? ']' : '"';
                if (c == closer) {
                    if (next == closer) return 2; // doubled: an escaped closer
                    lex = Lex.CODE;
                }
                return 1;
            }
            default -> {
                return 1;
            }
        }
    }

    private void markCode(SourceLine where) {
        if (!batchHasCode) {
            batchHasCode = true;
            batchCodeStart = where;
        }
    }

    private void endBatch(SourceLine where, int repeat) {
        if (batchHasCode) {
            if (instance == null) {
                throw new ScenarioException(batchCodeStart,
                        "no instance for this batch: put ':CONNECT NAME' before the first batch");
            }
            steps.add(new ScenarioStep.Batch(instance, batch.toString(), batchLines, repeat, batchCodeStart));
        }
        batch.setLength(0);
        batchLines.clear();
        batchHasCode = false;
        batchCodeStart = null;
    }

    private void command(String line, SourceLine where, ScenarioSource source) {
        List<String> words = words(line.substring(1), where);
        if (words.isEmpty()) throw new ScenarioException(where, "empty sqlcmd command ':'");
        String cmd = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        switch (cmd) {
            case "connect" -> connect(args, where);
            case "setvar" -> setvar(args, where);
            case "r" -> include(args, where, source);
            case "on" -> onError(args, where);
            case "clock" -> clock(args, where);
            case "fault" -> fault(args, where);
            default -> throw new ScenarioException(where, "unsupported sqlcmd command ':" + words.get(0)
                    + "' (supported: :CONNECT, :setvar, :r, :on error exit; simulator: :clock, :fault)");
        }
    }

    private void requireBatchBoundary(String cmd, SourceLine where) {
        if (batchHasCode) {
            throw new ScenarioException(where, cmd + " in the middle of a batch (started at " + batchCodeStart
                    + "): end that batch with GO first");
        }
    }

    private void connect(List<String> args, SourceLine where) {
        if (args.size() != 1) {
            throw new ScenarioException(where, ":CONNECT takes exactly one instance name (the simulator always "
                    + "connects as sa), got " + args.size() + " arguments");
        }
        requireBatchBoundary(":CONNECT", where);
        instance = args.get(0);
    }

    private void setvar(List<String> args, SourceLine where) {
        if (args.isEmpty() || args.size() > 2) {
            throw new ScenarioException(where, ":setvar takes NAME [value] (quote a value that has spaces)");
        }
        String name = args.get(0);
        if (!VAR_NAME.matcher(name).matches()) {
            throw new ScenarioException(where, "invalid variable name '" + name + "'");
        }
        if (args.size() == 1) {
            vars.remove(name);
        } else {
            vars.put(name, args.get(1));
        }
    }

    private void include(List<String> args, SourceLine where, ScenarioSource source) {
        if (args.size() != 1) throw new ScenarioException(where, ":r takes exactly one file name");
        if (includeStack.size() >= MAX_INCLUDE_DEPTH) {
            throw new ScenarioException(where, ":r nested more than " + MAX_INCLUDE_DEPTH + " deep");
        }
        ScenarioSource included = source.resolve(args.get(0));
        for (ScenarioSource open : includeStack) {
            if (open.name().equals(included.name())) {
                throw new ScenarioException(where, ":r " + included.name() + " includes itself");
            }
        }
        String text;
        try {
            text = included.read();
        } catch (IOException e) {
            throw new ScenarioException(where, ":r cannot read " + included.name() + ": " + e.getMessage());
        }
        parseText(included, text);
    }

    private static void onError(List<String> args, SourceLine where) {
        if (args.size() == 2 && args.get(0).equalsIgnoreCase("error")) {
            if (args.get(1).equalsIgnoreCase("exit")) return; // what the runner always does
            if (args.get(1).equalsIgnoreCase("ignore")) {
                throw new ScenarioException(where, ":on error ignore is not supported: a scenario stops at its "
                        + "first error");
            }
        }
        throw new ScenarioException(where, "expected ':on error exit'");
    }

    private void clock(List<String> args, SourceLine where) {
        if (args.size() != 1) throw new ScenarioException(where, ":clock takes one ISO-8601 instant");
        requireBatchBoundary(":clock", where);
        try {
            steps.add(new ScenarioStep.Clock(Instant.parse(args.get(0)), where));
        } catch (DateTimeParseException e) {
            throw new ScenarioException(where, ":clock expects a UTC instant such as 2027-01-05T00:00:00Z, got '"
                    + args.get(0) + "'");
        }
    }

    private void fault(List<String> args, SourceLine where) {
        if (args.size() < 2) {
            throw new ScenarioException(where, ":fault takes NAME KIND [ARG] with KIND one of " + FaultKinds.LIST);
        }
        String name = args.get(0);
        Fault fault = FaultKinds.parse(args.get(1), args.subList(2, args.size()), where);
        steps.add(new ScenarioStep.InjectFault(name, fault, where));
    }

    /** Splits a command line on blanks; a double-quoted word may hold blanks ({@code ""} is a quote). */
    private static List<String> words(String s, SourceLine where) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder w = new StringBuilder();
            if (c == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            w.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    w.append(d);
                    i++;
                }
                if (!closed) throw new ScenarioException(where, "unterminated \" in command");
            } else {
                if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') break; // trailing comment
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    w.append(s.charAt(i));
                    i++;
                }
            }
            out.add(w.toString());
        }
        return out;
    }

    private static String describe(Lex l) {
        return switch (l) {
            case STRING -> "string literal '";
            case BRACKET -> "quoted identifier [";
            case DQUOTE -> "quoted identifier \"";
            default -> l.name();
        };
    }
}
