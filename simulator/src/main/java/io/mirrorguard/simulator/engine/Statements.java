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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** Parses a batch into statements and runs them with SQL Server's error semantics. */
final class Statements {

    /** One parsed statement. */
    interface Stmt {
        int line();

        void run(EngineSession s, List<ResultItem> out);

        /** Binds the statement before the batch runs; throws the compile error that stops the whole batch. */
        default void compile(Compiler cc) {}
    }

    static final Set<String> STARTERS = Set.of("SELECT", "DECLARE", "SET", "IF", "ELSE", "BEGIN", "END", "COMMIT",
        "ROLLBACK", "PRINT", "USE", "EXEC", "EXECUTE", "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "DENY", "BACKUP",
        "RESTORE", "OPEN", "CLOSE", "RETURN", "WHILE", "RAISERROR", "INSERT", "UPDATE", "DELETE", "WAITFOR", "SAVE",
        "BREAK", "CONTINUE", "THROW");

    private final Cursor c;

    Statements(List<Token> tokens) {
        this.c = new Cursor(tokens);
    }

    /** Runs a compiled top-level batch; returns false when the batch was cancelled. */
    static boolean runAll(List<Stmt> stmts, EngineSession s, List<ResultItem> out) {
        try {
            runBlock(stmts, s, out);
        } catch (ErrorFlow.Abort | ErrorFlow.Return | ErrorFlow.Break | ErrorFlow.Continue a) {
            // the batch ends (BREAK or CONTINUE outside a loop ends it too); what it produced stays
        } catch (ErrorFlow.ScopeAbort e) {
            s.lastError = e.error.number();
            out.add(ResultItem.Message.of(e.error));
        }
        return !s.cancelled();
    }

    static void compileAll(List<Stmt> stmts, Compiler cc) {
        for (Stmt st : stmts) st.compile(cc);
    }

    static void runBlock(List<Stmt> stmts, EngineSession s, List<ResultItem> out) {
        for (Stmt st : stmts) {
            if (s.cancelled()) throw new ErrorFlow.Abort();
            try {
                st.run(s, out);
                s.lastError = 0;
            } catch (SqlError e) {
                SqlError at = e.line() > 1 ? e : e.atLine(st.line());
                ErrorFlow.handle(s, out, at, ErrorFlow.classify(at));
            } catch (ErrorFlow.LowerScopeFailed f) {
                ErrorFlow.handle(s, out, f.error, ErrorFlow.Kind.STATEMENT);
            } catch (ErrorFlow.Abort | ErrorFlow.Caught | ErrorFlow.ScopeAbort | ErrorFlow.Return | ErrorFlow.Break
                     | ErrorFlow.Continue signal) {
                throw signal;
            } catch (RuntimeException bug) {
                // a construct the simulator does not handle: a clear statement error instead of a dropped connection
                SqlError e = new SqlError(50000, 16, 1, "The mirrorguard simulator cannot run the statement at line "
                    + st.line() + ": " + bug, st.line());
                ErrorFlow.handle(s, out, e, ErrorFlow.Kind.STATEMENT);
            }
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
            case "WHILE" -> whileStatement();
            case "BREAK" -> { c.next(); yield stmt(line, (s, o) -> { throw new ErrorFlow.Break(); }); }
            case "CONTINUE" -> { c.next(); yield stmt(line, (s, o) -> { throw new ErrorFlow.Continue(); }); }
            case "THROW" -> throwStatement();
            case "BEGIN" -> begin();
            case "COMMIT" -> { c.next(); optionalTran(); yield stmt(line, (s, o) -> s.commitTran()); }
            case "ROLLBACK" -> { c.next(); optionalTran(); yield stmt(line, (s, o) -> s.rollbackTran()); }
            case "PRINT" -> print();
            case "USE" -> use();
            case "EXEC", "EXECUTE" -> exec();
            case "RETURN" -> { c.next(); yield stmt(line, (s, o) -> { throw new ErrorFlow.Return(); }); }
            case "RAISERROR" -> raiserror();
            case "WAITFOR" -> waitfor();
            case "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "DENY", "BACKUP", "RESTORE", "OPEN", "CLOSE" ->
                new Ddl(c, this).parse();
            default -> throw c.error();
        };
    }

    static Stmt stmt(int line, BiConsumer<EngineSession, List<ResultItem>> body) {
        return stmt(line, null, body);
    }

    static Stmt stmt(int line, Consumer<Compiler> compile, BiConsumer<EngineSession, List<ResultItem>> body) {
        return new Stmt() {
            @Override
            public int line() {
                return line;
            }

            @Override
            public void run(EngineSession s, List<ResultItem> out) {
                body.accept(s, out);
            }

            @Override
            public void compile(Compiler cc) {
                if (compile != null) compile.accept(cc);
            }
        };
    }

    /** A scalar expression or an IF/WHILE condition in tokens [from, to), bound once when the batch compiles. */
    static final class Expr {
        private final List<Token> toks;
        final int from;
        final int to;
        private final boolean condition;
        private TranslatedQuery compiled;

        Expr(List<Token> toks, int from, int to, boolean condition) {
            this.toks = toks;
            this.from = from;
            this.to = to;
            this.condition = condition;
        }

        private TranslatedQuery translate(Function<String, SqlType> types) {
            return condition ? SelectTranslator.condition(toks, from, to, types) : SelectTranslator.scalar(toks, from, to, types);
        }

        void compile(Compiler cc, int line) {
            compiled = cc.check(line, this::translate);
        }

        Object eval(EngineSession s) {
            return s.scalar(compiled != null ? compiled : translate(s::varType));
        }

        boolean isTrue(EngineSession s) {
            return eval(s) instanceof Number n && n.intValue() == 1;
        }

        /** The single token this expression consists of, or null. */
        Token single() {
            return to - from == 1 ? toks.get(from) : null;
        }
    }

    private Expr expr(boolean condition) {
        int from = c.pos;
        int to = condition ? conditionEnd(from) : expressionEnd(from);
        if (to == from) throw c.error();
        c.pos = to;
        return new Expr(c.tokens, from, to, condition);
    }

    private void optionalTran() {
        if (c.accept("TRAN") || c.accept("TRANSACTION") || c.accept("WORK")) {
            if (c.peek().isIdentifier() && !isStarter(c.peek())) c.next();
        }
    }

    static boolean isStarter(Token t) {
        return t.kind() == Token.Kind.WORD && STARTERS.contains(t.upper());
    }

    /**
     * Tracks CASE ... END nesting so that ELSE and END inside a CASE expression are not taken for statement
     * keywords. Returns the new CASE depth after token {@code k}.
     */
    private static int caseDepth(Token k, int depth) {
        if (k.is("CASE")) return depth + 1;
        if (depth > 0 && k.is("END")) return depth - 1;
        return depth;
    }

    /** End (exclusive) of a query starting at {@code from}: the next top-level statement start or ';'. */
    int extent(int from) {
        return topLevelEnd(from, false);
    }

    /**
     * The first top-level token (outside parentheses and CASE ... END) at or after {@code from} that ends the current
     * query or expression: ';', a statement keyword, or with {@code atComma} a ','. A SELECT that continues a
     * UNION / EXCEPT / INTERSECT belongs to the query, not to a new statement.
     */
    private int topLevelEnd(int from, boolean atComma) {
        int depth = 0;
        int cases = 0;
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
                if (k.isSymbol(";") || (atComma && k.isSymbol(","))) return i;
                boolean inCase = cases > 0;
                cases = caseDepth(k, cases);
                if (i > from && isStarter(k) && !inCase) {
                    boolean unionSelect = !atComma && k.is("SELECT") && (t.get(i - 1).is("UNION")
                        || t.get(i - 1).is("ALL") || t.get(i - 1).is("EXCEPT") || t.get(i - 1).is("INTERSECT"));
                    if (!unionSelect) return i;
                }
            }
            i++;
        }
        return i;
    }

    private Stmt select() {
        int from = c.pos;
        int line = c.peek().line();
        int to = extent(from + 1);
        c.pos = to;
        List<Token> toks = c.tokens;
        return new Stmt() {
            TranslatedQuery compiled;

            @Override
            public int line() {
                return line;
            }

            @Override
            public void compile(Compiler cc) {
                compiled = cc.check(line, types -> SelectTranslator.select(toks, from, to, types));
            }

            @Override
            public void run(EngineSession s, List<ResultItem> out) {
                TranslatedQuery q = compiled != null ? compiled : SelectTranslator.select(toks, from, to, s::varType);
                ResultItem.Rows rows = s.query(q);
                if (q.assignTo().isEmpty()) {
                    out.add(rows);
                } else if (!rows.rows().isEmpty()) {
                    List<Object> last = rows.rows().get(rows.rows().size() - 1);
                    for (int i = 0; i < q.assignTo().size(); i++) s.assign(q.assignTo().get(i), last.get(i));
                }
                s.rowCount = rows.rows().size();
            }
        };
    }

    private Stmt declare() {
        int line = c.next().line();
        Map<String, SqlType> decls = new LinkedHashMap<>();
        Map<String, Expr> inits = new LinkedHashMap<>();
        do {
            Token v = c.next();
            if (v.kind() != Token.Kind.VARIABLE) throw Errors.syntax(v.shown(), v.line());
            c.accept("AS");
            SqlType type = typeName();
            decls.put(v.text(), type);
            if (c.acceptSymbol("=")) inits.put(v.text(), expr(false));
        } while (c.acceptSymbol(","));
        return stmt(line, cc -> {
            for (var d : decls.entrySet()) {
                Expr init = inits.get(d.getKey());
                if (init != null) init.compile(cc, line);
                cc.declare(d.getKey(), d.getValue(), line);
            }
        }, (s, out) -> {
            for (var d : decls.entrySet()) {
                s.declare(d.getKey(), d.getValue());
                Expr init = inits.get(d.getKey());
                if (init != null) s.assign(d.getKey(), init.eval(s));
            }
        });
    }

    /** End of a scalar expression: the next top-level ',' or statement start. */
    private int expressionEnd(int from) {
        return topLevelEnd(from, true);
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
            Expr e = expr(false);
            String var = t.text();
            return stmt(line, cc -> {
                cc.requireDeclared(var, line);
                e.compile(cc, line);
            }, (s, out) -> {
                Object v = e.eval(s);
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
            if (opt.equals("XACT_ABORT") && !args.isEmpty()) s.xactAbort = args.get(0).is("ON");
        });
    }

    private Stmt ifStatement() {
        int line = c.next().line();
        Expr cond = expr(true);
        Stmt then = statementOrSkip();
        Stmt otherwise = null;
        int mark = c.pos;
        while (c.acceptSymbol(";")) { /* IF x SELECT 1; ELSE SELECT 2 is valid T-SQL */ }
        if (c.accept("ELSE")) otherwise = statementOrSkip();
        else c.pos = mark;
        Stmt elseStmt = otherwise;
        return stmt(line, cc -> {
            cond.compile(cc, line);
            then.compile(cc);
            if (elseStmt != null) elseStmt.compile(cc);
        }, (s, out) -> {
            if (cond.isTrue(s)) runBlock(List.of(then), s, out);
            else if (elseStmt != null) runBlock(List.of(elseStmt), s, out);
        });
    }

    private Stmt whileStatement() {
        int line = c.next().line();
        Expr cond = expr(true);
        Stmt body = statementOrSkip();
        return stmt(line, cc -> {
            cond.compile(cc, line);
            body.compile(cc);
        }, (s, out) -> {
            while (true) {
                if (s.cancelled()) throw new ErrorFlow.Abort();
                if (!cond.isTrue(s)) return;
                try {
                    runBlock(List.of(body), s, out);
                } catch (ErrorFlow.Break b) {
                    return;
                } catch (ErrorFlow.Continue k) {
                    // next iteration
                }
            }
        });
    }

    private Stmt statementOrSkip() {
        while (c.acceptSymbol(";")) { /* empty statements */ }
        return statement();
    }

    private int conditionEnd(int from) {
        int depth = 0;
        int cases = 0;
        List<Token> t = c.tokens;
        for (int i = from; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.kind() == Token.Kind.EOF) throw Errors.syntax("", k.line());
            if (k.isSymbol("(")) depth++;
            else if (k.isSymbol(")")) depth--;
            else if (depth == 0) {
                boolean inCase = cases > 0;
                cases = caseDepth(k, cases);
                if (i > from && isStarter(k) && !inCase) return i;
            }
        }
        throw c.error();
    }

    private Stmt begin() {
        int line = c.next().line();
        if (c.accept("TRAN") || c.accept("TRANSACTION")) {
            if (c.peek().isIdentifier() && !isStarter(c.peek())) c.next();
            return stmt(line, (s, out) -> s.beginTran());
        }
        if (c.peek().is("TRY")) return tryCatch(line);
        if (c.peek().is("DISTRIBUTED") || c.peek().is("CATCH")) throw c.error();
        List<Stmt> body = new ArrayList<>();
        while (!c.peek().is("END")) {
            if (c.atEnd()) throw c.error();
            if (c.acceptSymbol(";")) continue;
            body.add(statement());
        }
        c.next();
        return stmt(line, cc -> compileAll(body, cc), (s, out) -> runBlock(body, s, out));
    }

    /** BEGIN TRY ... END TRY BEGIN CATCH ... END CATCH; the CATCH block may be empty, the TRY block may not. */
    private Stmt tryCatch(int line) {
        c.next();
        List<Stmt> tryBody = blockUntil("TRY");
        if (tryBody.isEmpty()) throw c.error();
        c.next();
        c.next();
        while (c.acceptSymbol(";")) { /* tolerated between END TRY and BEGIN CATCH */ }
        c.expect("BEGIN");
        c.expect("CATCH");
        List<Stmt> catchBody = blockUntil("CATCH");
        c.next();
        c.next();
        return new Stmt() {
            @Override
            public int line() {
                return line;
            }

            @Override
            public void compile(Compiler cc) {
                compileAll(tryBody, cc);
                compileAll(catchBody, cc);
            }

            @Override
            public void run(EngineSession s, List<ResultItem> out) {
                SqlError caught = null;
                s.tryDepth++;
                try {
                    runBlock(tryBody, s, out);
                } catch (ErrorFlow.Caught e) {
                    caught = e.error;
                } finally {
                    s.tryDepth--;
                }
                if (caught == null) return;
                s.lastError = caught.number();
                s.caughtErrors.push(caught);
                try {
                    runBlock(catchBody, s, out);
                } finally {
                    s.caughtErrors.pop();
                }
            }
        };
    }

    /** Statements up to (not including) END {@code keyword}. */
    private List<Stmt> blockUntil(String keyword) {
        List<Stmt> body = new ArrayList<>();
        while (!(c.peek().is("END") && c.peek(1).is(keyword))) {
            if (c.atEnd()) throw c.error();
            if (c.acceptSymbol(";")) continue;
            body.add(statement());
        }
        return body;
    }

    private Stmt print() {
        int line = c.next().line();
        Expr e = expr(false);
        return stmt(line, cc -> e.compile(cc, line), (s, out) -> {
            Object v = e.eval(s);
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


    /** RAISERROR (msg, severity, state [, argument ...]) [WITH NOWAIT | LOG | SETERROR]. */
    private Stmt raiserror() {
        int line = c.next().line();
        c.expectSymbol("(");
        Expr msg = expr(false);
        c.expectSymbol(",");
        Expr sev = expr(false);
        c.expectSymbol(",");
        Expr state = expr(false);
        List<Expr> args = new ArrayList<>();
        while (c.acceptSymbol(",")) args.add(expr(false));
        c.expectSymbol(")");
        if (c.accept("WITH")) {
            do {
                if (!(c.accept("NOWAIT") || c.accept("LOG") || c.accept("SETERROR"))) throw c.error();
            } while (c.acceptSymbol(","));
        }
        return stmt(line, cc -> {
            msg.compile(cc, line);
            sev.compile(cc, line);
            state.compile(cc, line);
            for (Expr a : args) a.compile(cc, line);
        }, (s, out) -> {
            List<Object> values = new ArrayList<>();
            for (Expr a : args) values.add(a.eval(s));
            String text = RaiserrorFormat.format(String.valueOf(msg.eval(s)), values);
            int severity = number(sev.eval(s), line);
            int st = number(state.eval(s), line);
            if (severity <= 10) out.add(new ResultItem.Message(50000, st, severity, text, line));
            else throw new SqlError(50000, severity, st, text, line);
        });
    }

    private static int number(Object v, int line) {
        if (v instanceof Number n) return n.intValue();
        if (v instanceof String str) {
            try {
                return Integer.parseInt(str.trim());
            } catch (NumberFormatException e) {
                throw Errors.conversion("Conversion failed when converting the varchar value '" + str + "' to data type int.").atLine(line);
            }
        }
        throw new SqlError(50000, 16, 1, "A NULL severity, state or error number is not allowed.", line);
    }

    /** THROW; (re-raise inside CATCH) or THROW number, message, state. */
    private Stmt throwStatement() {
        int line = c.next().line();
        if (c.atEnd() || c.peek().isSymbol(";") || isStarter(c.peek())) {
            return stmt(line, (s, out) -> {
                SqlError e = s.caughtErrors.peek();
                if (e == null) {
                    throw new SqlError(10704, 15, 1, "To rethrow an error, a THROW statement must be used inside a CATCH block.", line);
                }
                throw new ErrorFlow.Thrown(e.number(), e.severity(), e.state(), e.getMessage(), e.line());
            });
        }
        Expr number = expr(false);
        c.expectSymbol(",");
        Expr msg = expr(false);
        c.expectSymbol(",");
        Expr state = expr(false);
        return stmt(line, cc -> {
            number.compile(cc, line);
            msg.compile(cc, line);
            state.compile(cc, line);
        }, (s, out) -> {
            int n = number(number.eval(s), line);
            if (n < 50000) {
                throw new SqlError(35100, 16, 10, "Error number " + n + " in the THROW statement is outside the valid range. "
                    + "Specify an error number in the valid range of 50000 to 2147483647.", line);
            }
            int st = number(state.eval(s), line);
            throw new ErrorFlow.Thrown(n, 16, st, String.valueOf(msg.eval(s)), line);
        });
    }

    /** EXEC [@rc =] procedure [@name =] value [OUTPUT], ...; EXEC ('string' + @var ...); EXEC sp_executesql .... */
    private Stmt exec() {
        int line = c.next().line();
        if (c.peek().isSymbol("(")) return DynamicSql.execString(c, line);
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
        List<Expr> values = new ArrayList<>();
        List<Boolean> outputs = new ArrayList<>();
        while (!c.atEnd() && !c.peek().isSymbol(";") && !isStarter(c.peek())) {
            String pname = null;
            if (c.peek().kind() == Token.Kind.VARIABLE && c.peek(1).isSymbol("=")) {
                pname = c.next().text();
                c.next();
            }
            int from = c.pos;
            int to = expressionEnd(from);
            boolean output = to - 1 > from && (c.tokens.get(to - 1).is("OUTPUT") || c.tokens.get(to - 1).is("OUT"));
            if (output) to--;
            if (to == from) throw c.error();
            values.add(new Expr(c.tokens, from, to, false));
            c.pos = output ? to + 1 : to;
            names.add(pname);
            outputs.add(output);
            if (!c.acceptSymbol(",")) break;
        }
        String proc = name.toString();
        String rc = rcVar;
        if (DynamicSql.isExecuteSql(proc)) return DynamicSql.executeSql(line, rc, names, values, outputs);
        return stmt(line, cc -> {
            if (rc != null) cc.requireDeclared(rc, line);
            for (Expr v : values) v.compile(cc, line);
        }, (s, out) -> {
            Map<String, Object> args = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i).eval(s);
                args.put(names.get(i) == null ? "#" + i : names.get(i).toLowerCase(Locale.ROOT), v);
            }
            int result = Procedures.call(s, proc, args, out);
            if (rc != null) s.assign(rc, result);
        });
    }
}
