package io.mirrorguard.simulator.engine.tsql;

import io.mirrorguard.simulator.engine.Errors;
import java.util.ArrayList;
import java.util.List;

/** Splits a T-SQL batch into tokens; comments and whitespace are dropped. */
public final class Lexer {

    private Lexer() {}

    public static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\n') { line++; i++; continue; }
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) { depth++; i += 2; }
                    else if (sql.startsWith("*/", i)) { depth--; i += 2; }
                    else { if (sql.charAt(i) == '\n') line++; i++; }
                } while (depth > 0 && i < n);
                if (depth > 0) throw Errors.missingEndComment(line);
                continue;
            }
            int startLine = line;
            if ((c == 'N' || c == 'n') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                int[] end = new int[1];
                int[] lines = {0};
                String s = readQuoted(sql, i + 1, '\'', end, lines, startLine);
                line += lines[0];
                out.add(new Token(Token.Kind.NSTRING, s, startLine));
                i = end[0];
                continue;
            }
            if (c == '\'') {
                int[] end = new int[1];
                int[] lines = {0};
                String s = readQuoted(sql, i, '\'', end, lines, startLine);
                line += lines[0];
                out.add(new Token(Token.Kind.STRING, s, startLine));
                i = end[0];
                continue;
            }
            if (c == '[') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) throw Errors.unclosedQuote(sql.substring(i), startLine);
                    char d = sql.charAt(j);
                    if (d == ']') {
                        if (j + 1 < n && sql.charAt(j + 1) == ']') { sb.append(']'); j += 2; continue; }
                        break;
                    }
                    if (d == '\n') line++;
                    sb.append(d);
                    j++;
                }
                out.add(new Token(Token.Kind.QUOTED_ID, sb.toString(), startLine));
                i = j + 1;
                continue;
            }
            if (c == '"') {
                int[] end = new int[1];
                int[] lines = {0};
                String s = readQuoted(sql, i, '"', end, lines, startLine);
                line += lines[0];
                out.add(new Token(Token.Kind.QUOTED_ID, s, startLine));
                i = end[0];
                continue;
            }
            if (c == '0' && i + 1 < n && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
                int j = i + 2;
                while (j < n && Character.digit(sql.charAt(j), 16) >= 0) j++;
                out.add(new Token(Token.Kind.HEX, sql.substring(i + 2, j), startLine));
                i = j;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int j = i;
                while (j < n && (Character.isDigit(sql.charAt(j)) || sql.charAt(j) == '.')) j++;
                if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) k++;
                    if (k < n && Character.isDigit(sql.charAt(k))) {
                        j = k;
                        while (j < n && Character.isDigit(sql.charAt(j))) j++;
                    }
                }
                out.add(new Token(Token.Kind.NUMBER, sql.substring(i, j), startLine));
                i = j;
                continue;
            }
            if (c == '@') {
                boolean sys = i + 1 < n && sql.charAt(i + 1) == '@';
                int j = i + (sys ? 2 : 1);
                while (j < n && isIdentPart(sql.charAt(j))) j++;
                out.add(new Token(sys ? Token.Kind.SYSVAR : Token.Kind.VARIABLE, sql.substring(i, j), startLine));
                i = j;
                continue;
            }
            if (isIdentStart(c)) {
                int j = i;
                while (j < n && isIdentPart(sql.charAt(j))) j++;
                out.add(new Token(Token.Kind.WORD, sql.substring(i, j), startLine));
                i = j;
                continue;
            }
            String two = i + 1 < n ? sql.substring(i, i + 2) : "";
            if (two.equals("<>") || two.equals("!=") || two.equals(">=") || two.equals("<=") || two.equals("::")
                    || two.equals("!<") || two.equals("!>") || two.equals("+=") || two.equals("-=")) {
                out.add(new Token(Token.Kind.SYMBOL, two, startLine));
                i += 2;
                continue;
            }
            out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), startLine));
            i++;
        }
        out.add(new Token(Token.Kind.EOF, "", line));
        return out;
    }

    private static String readQuoted(String sql, int start, char q, int[] end, int[] lines, int line) {
        StringBuilder sb = new StringBuilder();
        int j = start + 1;
        int n = sql.length();
        while (true) {
            if (j >= n) throw Errors.unclosedQuote(sql.substring(start), line);
            char d = sql.charAt(j);
            if (d == q) {
                if (j + 1 < n && sql.charAt(j + 1) == q) { sb.append(q); j += 2; continue; }
                break;
            }
            if (d == '\n') lines[0]++;
            sb.append(d);
            j++;
        }
        end[0] = j + 1;
        return sb.toString();
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '#';
    }

    static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '#' || c == '$' || c == '@';
    }
}
