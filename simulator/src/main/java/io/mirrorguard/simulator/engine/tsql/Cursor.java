package io.mirrorguard.simulator.engine.tsql;

import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.engine.Errors;
import java.util.List;

/** A position in a token list with the small helpers recursive-descent parsing needs. */
public final class Cursor {
    public final List<Token> tokens;
    public int pos;

    public Cursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    public Token peek() {
        return tokens.get(pos);
    }

    public Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    public Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) pos++;
        return t;
    }

    public boolean atEnd() {
        return peek().kind() == Token.Kind.EOF;
    }

    public boolean accept(String keyword) {
        if (peek().is(keyword)) { pos++; return true; }
        return false;
    }

    public boolean acceptSymbol(String s) {
        if (peek().isSymbol(s)) { pos++; return true; }
        return false;
    }

    public void expect(String keyword) {
        if (!accept(keyword)) throw error();
    }

    public void expectSymbol(String s) {
        if (!acceptSymbol(s)) throw error();
    }

    /** An identifier (word or [quoted]); keywords are accepted as names the way SQL Server does for most DDL. */
    public String identifier() {
        Token t = peek();
        if (!t.isIdentifier()) throw error();
        pos++;
        return t.text();
    }

    public String string() {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.NSTRING) throw error();
        pos++;
        return t.text();
    }

    public int integer() {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER) throw error();
        pos++;
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw error();
        }
    }

    /** The syntax error SQL Server reports at the current token. */
    public SqlError error() {
        Token t = peek();
        if (t.kind() == Token.Kind.EOF) return Errors.syntax("", t.line());
        return Errors.syntax(t.shown(), t.line());
    }
}
