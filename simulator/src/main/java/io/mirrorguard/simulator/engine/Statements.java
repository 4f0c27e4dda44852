package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlType;
import io.mirrorguard.simulator.engine.catalog.SelectTranslator;
import io.mirrorguard.simulator.engine.catalog.TranslatedQuery;
import io.mirrorguard.simulator.engine.catalog.TypeMapping;
import io.mirrorguard.simulator.engine.tsql.Cursor;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses a batch into statements and runs them with SQL Server's error semantics. */
final class Statements {

    /** One parsed statement. */
    interface Stmt {
        int line();

        void run(EngineSession s, List<ResultItem> out);
    }

    /** Errors that stop the whole batch (compile-time errors in SQL Server); others end only the statement. */
    private static final Set<Integer> BATCH_ABORTING = Set.of(102, 105, 113, 137, 134, 141, 156, 195, 207, 208, 209,
        243, 245, 4104, 8120, 8134);

    static final Set<String> STARTERS = Set.of("SELECT", "DECLARE", "SET", "IF", "ELSE", "BEGIN", "END", "COMMIT",
        "ROLLBACK", "PRINT", "USE", "EXEC", "EXECUTE", "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "DENY", "BACKUP",
        "RESTORE", "OPEN", "CLOSE", "RETURN", "WHILE", "RAISERROR", "INSERT", "UPDATE", "DELETE", "WAITFOR", "SAVE");

    private final Cursor c;

    Statements(List<Token> tokens) {
        this.c = new Cursor(tokens);
    }

    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    /** Runs statements; returns false when the batch was cancelled. */
    static boolean runAll(List<Stmt> stmts, EngineSession s, List<ResultItem> out) {
        try {
            runBlock(stmts, s, out);
            return !s.cancelled();
        } catch (Abort a) {
            return !s.cancelled();
        }
    }

    static void runBlock(List<Stmt> stmts, EngineSession s, List<ResultItem> out) {
        for (Stmt st : stmts) {
            if (s.cancelled()) throw new Abort();
            try {
                s.lastError = 0;
                st.run(s, out);
            } catch (SqlError e) {
                SqlError at = e.line() > 1 ? e : e.atLine(st.line());
                out.add(ResultItem.Message.of(at));
                s.lastError = e.number();
                if (BATCH_ABORTING.contains(e.number()) || e.severity() >= 20) throw new Abort();
            } catch (ReturnSignal r) {
                throw new Abort();
            }
        }
    }

    private static final class ReturnSignal extends RuntimeException {
        ReturnSignal() {
            super(null, null, false, false);
        }
    }

    List<Stmt> parseBatch() {
        List<Stmt> list = new ArrayList<>();
        while (!c.atEnd()) {
            if (c.acceptSymbol(";")) continue;
            list.add(statement());
        }
        return list;
    }

    private Stmt statement() {
        Token t = c.peek();
        if (t.kind() != Token.Kind.WORD) throw c.error();
        int line = t.line();
        String u = t.upper();
        return switch (u) {
            case "SELECT" -> select();
            case "DECLARE" -> declare();
            case "SET" -> set();
            case "IF" -> ifStatement();
            case "WHILE" -> throw c.error();
            case "BEGIN" -> begin();
            case "COMMIT" -> { c.next(); optionalTran(); yield stmt(line, (s, o) -> s.commitTran()); }
            case "ROLLBACK" -> { c.next(); optionalTran(); yield stmt(line, (s, o) -> s.rollbackTran()); }
            case "PRINT" -> print();
            case "USE" -> use();
            case "EXEC", "EXECUTE" -> exec();
            case "RETURN" -> { c.next(); yield stmt(line, (s, o) -> { throw new ReturnSignal(); }); }
            case "RAISERROR" -> raiserror();
            case "WAITFOR" -> waitfor();
            case "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "DENY", "BACKUP", "RESTORE", "OPEN", "CLOSE" ->
                new Ddl(c, this).parse();
            default -> throw c.error();
        };
    }

    static Stmt stmt(int line, java.util.function.BiConsumer<EngineSession, List<ResultItem>> body) {
        return new Stmt() {
            @Override
            public int line() {
                return line;
            }

            @Override
            public void run(EngineSession s, List<ResultItem> out) {
                body.accept(s, out);
            }
        };
    }

    private void optionalTran() {
        if (c.accept("TRAN") || c.accept("TRANSACTION") || c.accept("WORK")) {
            if (c.peek().isIdentifier() && !isStarter(c.peek())) c.next();
        }
    }

    static boolean isStarter(Token t) {
        return t.kind() == Token.Kind.WORD && STARTERS.contains(t.upper());
    }

    /** End (exclusive) of an expression/query starting at {@code from}: the next top-level statement start or ';'. */
    int extent(int from, boolean select) {
        int depth = 0;
        int i = from;
        List<Token> t = c.tokens;
        while (i < t.size()) {
            Token k = t.get(i);
            if (k.kind() == Token.Kind.EOF) return i;
            if (k.isSymbol("(")) depth++;
            else if (k.isSymbol(")")) {
                if (depth == 0) return i;
                depth--;
            } else if (depth == 0) {
                if (k.isSymbol(";")) return i;
                if (i > from && isStarter(k)) {
                    boolean unionSelect = k.is("SELECT") && i > 0 && (t.get(i - 1).is("UNION") || t.get(i - 1).is("ALL")
                        || t.get(i - 1).is("EXCEPT") || t.get(i - 1).is("INTERSECT"));
                    boolean setInUpdate = false;
                    if (!unionSelect && !setInUpdate) return i;
                }
            }
            i++;
        }
        return i;
    }

    private Stmt select() {
        int from = c.pos;
        int line = c.peek().line();
        int to = extent(from + 1, true);
        c.pos = to;
        List<Token> toks = c.tokens;
        return stmt(line, (s, out) -> {
            TranslatedQuery q = SelectTranslator.select(toks, from, to, s::varType);
            ResultItem.Rows rows = s.query(q);
            if (q.assignTo().isEmpty()) {
                out.add(rows);
            } else if (!rows.rows().isEmpty()) {
                List<Object> last = rows.rows().get(rows.rows().size() - 1);
                for (int i = 0; i < q.assignTo().size(); i++) s.assign(q.assignTo().get(i), last.get(i));
            }
            s.rowCount = rows.rows().size();
        });
    }

    private Stmt declare() {
        int line = c.next().line();
        Map<String, SqlType> decls = new LinkedHashMap<>();
        Map<String, int[]> inits = new LinkedHashMap<>();
        do {
            Token v = c.next();
            if (v.kind() != Token.Kind.VARIABLE) throw Errors.syntax(v.shown(), v.line());
            c.accept("AS");
            SqlType type = typeName();
            decls.put(v.text(), type);
            if (c.acceptSymbol("=")) {
                int from = c.pos;
                int to = expressionEnd(from);
                inits.put(v.text(), new int[] {from, to});
                c.pos = to;
            }
        } while (c.acceptSymbol(","));
        List<Token> toks = c.tokens;
        return stmt(line, (s, out) -> {
            for (var d : decls.entrySet()) {
                s.declare(d.getKey(), d.getValue(), line);
                int[] r = inits.get(d.getKey());
                if (r != null) s.assign(d.getKey(), s.scalar(SelectTranslator.scalar(toks, r[0], r[1], s::varType)));
            }
        });
    }

    /** End of a scalar expression: the next top-level ',' or statement start. */
    private int expressionEnd(int from) {
        int depth = 0;
        int i = from;
        List<Token> t = c.tokens;
        while (i < t.size()) {
            Token k = t.get(i);
            if (k.kind() == Token.Kind.EOF) return i;
            if (k.isSymbol("(")) depth++;
            else if (k.isSymbol(")")) {
                if (depth == 0) return i;
                depth--;
            } else if (depth == 0 && (k.isSymbol(",") || k.isSymbol(";") || (i > from && isStarter(k)))) return i;
            i++;
        }
        return i;
    }

    SqlType typeName() {
        Token t = c.next();
        if (!t.isIdentifier()) throw Errors.syntax(t.shown(), t.line());
        StringBuilder sb = new StringBuilder(t.text());
        if (c.peek().isSymbol("(")) {
            c.next();
            sb.append('(');
            sb.append(c.next().text());
            if (c.acceptSymbol(",")) sb.append(',').append(c.next().text());
            c.expectSymbol(")");
            sb.append(')');
        }
        try {
            return TypeMapping.parse(sb.toString());
        } catch (IllegalArgumentException e) {
            throw new SqlError(2715, 16, 3, "Column, parameter, or variable #1: Cannot find data type " + t.text() + ".", t.line());
        }
    }

    private static final Set<String> SET_OPTIONS = Set.of("NOCOUNT", "ANSI_NULLS", "QUOTED_IDENTIFIER", "ANSI_WARNINGS",
        "ANSI_PADDING", "ANSI_NULL_DFLT_ON", "ANSI_NULL_DFLT_OFF", "CONCAT_NULL_YIELDS_NULL", "ARITHABORT",
        "ARITHIGNORE", "NUMERIC_ROUNDABORT", "XACT_ABORT", "IMPLICIT_TRANSACTIONS", "CURSOR_CLOSE_ON_COMMIT",
        "TEXTSIZE", "ROWCOUNT", "LOCK_TIMEOUT", "DATEFIRST", "DATEFORMAT", "LANGUAGE", "DEADLOCK_PRIORITY",
        "TRANSACTION", "STATISTICS", "NO_BROWSETABLE", "FMTONLY", "ANSI_DEFAULTS", "QUERY_GOVERNOR_COST_LIMIT",
        "CONTEXT_INFO", "SHOWPLAN_XML", "SHOWPLAN_ALL", "SHOWPLAN_TEXT", "FORCEPLAN");

    private Stmt set() {
        int line = c.next().line();
        Token t = c.peek();
        if (t.kind() == Token.Kind.VARIABLE) {
            c.next();
            Token op = c.next();
            if (!op.isSymbol("=") && !op.isSymbol("+=") && !op.isSymbol("-=")) throw Errors.syntax(op.shown(), op.line());
            int from = c.pos;
            int to = expressionEnd(from);
            c.pos = to;
            List<Token> toks = c.tokens;
            String var = t.text();
            return stmt(line, (s, out) -> {
                Object v = s.scalar(SelectTranslator.scalar(toks, from, to, s::varType));
                if (op.isSymbol("+=")) {
                    Object cur = s.varValue(var);
                    v = cur == null || v == null ? null : cur instanceof String cs ? cs + v : ((Number) cur).longValue() + ((Number) v).longValue();
                } else if (op.isSymbol("-=")) {
                    Object cur = s.varValue(var);
                    v = cur == null || v == null ? null : ((Number) cur).longValue() - ((Number) v).longValue();
                }
                s.assign(var, v);
            });
        }
        if (!t.isIdentifier()) throw c.error();
        String opt = t.upper();
        if (!SET_OPTIONS.contains(opt)) {
            throw new SqlError(195, 15, 5, "'" + t.text() + "' is not a recognized SET option.", t.line());
        }
        c.next();
        List<Token> args = new ArrayList<>();
        while (!c.atEnd() && !c.peek().isSymbol(";") && !(isStarter(c.peek()) && !c.peek().is("SET"))) {
            if (c.peek().is("SET")) break;
            args.add(c.next());
        }
        return stmt(line, (s, out) -> {
            if (opt.equals("TEXTSIZE") && !args.isEmpty() && args.get(0).kind() == Token.Kind.NUMBER) {
                s.textSize = Integer.parseInt(args.get(0).text());
            }
            if (opt.equals("IMPLICIT_TRANSACTIONS") && !args.isEmpty() && args.get(0).is("ON")) {
                // implicit transactions are accepted; each statement here autocommits, which callers may rely on
                s.rowCount = 0;
            }
        });
    }

    private Stmt ifStatement() {
        int line = c.next().line();
        int from = c.pos;
        int to = conditionEnd(from);
        c.pos = to;
        List<Token> toks = c.tokens;
        Stmt then = statementOrSkip();
        Stmt otherwise = null;
        if (c.accept("ELSE")) otherwise = statementOrSkip();
        Stmt elseStmt = otherwise;
        return stmt(line, (s, out) -> {
            Object v = s.scalar(SelectTranslator.condition(toks, from, to, s::varType));
            boolean yes = v instanceof Number n && n.intValue() == 1;
            if (yes) runBlock(List.of(then), s, out);
            else if (elseStmt != null) runBlock(List.of(elseStmt), s, out);
        });
    }

    private Stmt statementOrSkip() {
        while (c.acceptSymbol(";")) { /* empty statements */ }
        return statement();
    }

    private int conditionEnd(int from) {
        int depth = 0;
        List<Token> t = c.tokens;
        for (int i = from; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.kind() == Token.Kind.EOF) throw Errors.syntax("", k.line());
            if (k.isSymbol("(")) depth++;
            else if (k.isSymbol(")")) depth--;
            else if (depth == 0 && i > from && isStarter(k) && !k.is("SELECT")) return i;
        }
        throw c.error();
    }

    private Stmt begin() {
        int line = c.next().line();
        if (c.accept("TRAN") || c.accept("TRANSACTION")) {
            if (c.peek().isIdentifier() && !isStarter(c.peek())) c.next();
            return stmt(line, (s, out) -> s.beginTran());
        }
        if (c.peek().is("TRY") || c.peek().is("DISTRIBUTED") || c.peek().is("CATCH")) throw c.error();
        List<Stmt> body = new ArrayList<>();
        while (!c.peek().is("END")) {
            if (c.atEnd()) throw c.error();
            if (c.acceptSymbol(";")) continue;
            body.add(statement());
        }
        c.next();
        return stmt(line, (s, out) -> runBlock(body, s, out));
    }

    private Stmt print() {
        int line = c.next().line();
        int from = c.pos;
        int to = expressionEnd(from);
        c.pos = to;
        List<Token> toks = c.tokens;
        return stmt(line, (s, out) -> {
            Object v = s.scalar(SelectTranslator.scalar(toks, from, to, s::varType));
            out.add(new ResultItem.Message(0, 1, 0, v == null ? "" : v.toString(), line));
        });
    }

    private Stmt use() {
        int line = c.next().line();
        String db = c.identifier();
        return stmt(line, (s, out) -> {
            var d = s.state().database(db).orElseThrow(() -> Errors.dbNotExist(db));
            if (!"ONLINE".equals(d.state)) throw Errors.databaseCannotOpen(d.name);
            if (!s.isSysadmin() && d.userForSid(s.login().sid).isEmpty()
                && !d.principal("guest").map(g -> g.hasConnect).orElse(false)) {
                throw new SqlError(916, 14, 1, "The server principal \"" + s.loginName() + "\" is not able to access the database \""
                    + d.name + "\" under the current security context.");
            }
            s.useDatabase(d.name);
            out.add(new ResultItem.Message(5701, 2, 0, "Changed database context to '" + d.name + "'.", line));
        });
    }

    /**
     * WAITFOR DELAY 'hh:mm[:ss[.mmm]]' | TIME '...': accepted and returns at once. The simulated fleet changes state
     * synchronously (a mirroring session is synchronized as soon as it is set up), so there is nothing to wait for.
     */
    private Stmt waitfor() {
        int line = c.next().line();
        Token kind = c.next();
        if (!kind.is("DELAY") && !kind.is("TIME")) throw Errors.syntax(kind.shown(), kind.line());
        Token t = c.next();
        if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.NSTRING && t.kind() != Token.Kind.VARIABLE) {
            throw Errors.syntax(t.shown(), t.line());
        }
        if (t.kind() != Token.Kind.VARIABLE && !t.text().trim().matches("\\d{1,2}:\\d{1,2}(:\\d{1,2}(\\.\\d{1,3})?)?")) {
            throw Errors.generic(148, 15, "Incorrect time syntax in time string '" + t.text() + "' used with WAITFOR.").atLine(t.line());
        }
        return stmt(line, (s, o) -> { });
    }

    private Stmt raiserror() {
        int line = c.next().line();
        c.expectSymbol("(");
        int from = c.pos;
        int to = expressionEnd(from);
        c.pos = to;
        c.expectSymbol(",");
        int sev = c.integer();
        c.expectSymbol(",");
        int state = c.integer();
        c.expectSymbol(")");
        List<Token> toks = c.tokens;
        return stmt(line, (s, out) -> {
            Object v = s.scalar(SelectTranslator.scalar(toks, from, to, s::varType));
            SqlError e = Errors.raise(String.valueOf(v), sev, state);
            if (sev <= 10) out.add(new ResultItem.Message(50000, state, sev, String.valueOf(v), line));
            else throw e;
        });
    }

    /** EXEC [@rc =] procedure [@name =] value, ... for the procedures the remediation runner uses. */
    private Stmt exec() {
        int line = c.next().line();
        String rcVar = null;
        if (c.peek().kind() == Token.Kind.VARIABLE && c.peek(1).isSymbol("=")) {
            rcVar = c.next().text();
            c.next();
        }
        StringBuilder name = new StringBuilder(c.identifier());
        while (c.acceptSymbol(".")) {
            if (c.peek().isSymbol(".")) continue;
            name.append('.').append(c.identifier());
        }
        List<String> names = new ArrayList<>();
        List<int[]> values = new ArrayList<>();
        while (!c.atEnd() && !c.peek().isSymbol(";") && !isStarter(c.peek())) {
            String pname = null;
            if (c.peek().kind() == Token.Kind.VARIABLE && c.peek(1).isSymbol("=")) {
                pname = c.next().text();
                c.next();
            }
            int from = c.pos;
            int to = expressionEnd(from);
            if (to == from) throw c.error();
            c.pos = to;
            if (c.peek().is("OUTPUT") || c.peek().is("OUT")) c.next();
            names.add(pname);
            values.add(new int[] {from, to});
            if (!c.acceptSymbol(",")) break;
        }
        String proc = name.toString();
        String rc = rcVar;
        List<Token> toks = c.tokens;
        return stmt(line, (s, out) -> {
            Map<String, Object> args = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                Object v = s.scalar(SelectTranslator.scalar(toks, values.get(i)[0], values.get(i)[1], s::varType));
                args.put(names.get(i) == null ? "#" + i : names.get(i).toLowerCase(Locale.ROOT), v);
            }
            int result = Procedures.call(s, proc, args, out);
            if (rc != null) s.assign(rc, result);
        });
    }
}
