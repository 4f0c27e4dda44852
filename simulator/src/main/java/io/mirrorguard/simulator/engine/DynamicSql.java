package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlType;
import io.mirrorguard.simulator.engine.catalog.TypeMapping;
import io.mirrorguard.simulator.engine.tsql.Cursor;
import io.mirrorguard.simulator.engine.tsql.Lexer;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EXEC ('string' + @var ...) and sp_executesql. The string is a batch of its own: compiled when the EXEC runs, with
 * its own variables (sp_executesql's parameters only) and a database context that reverts when it ends. A compile
 * error inside it ends only that inner scope and becomes the error of the EXEC statement, so a TRY around the EXEC
 * catches it.
 */
final class DynamicSql {

    private DynamicSql() {}

    static boolean isExecuteSql(String proc) {
        String n = proc.toLowerCase(Locale.ROOT);
        return n.equals("sp_executesql") || n.equals("sys.sp_executesql") || n.equals("master.sys.sp_executesql")
            || n.equals("master..sp_executesql") || n.equals("master.dbo.sp_executesql");
    }

    /** EXEC ( { 'string' | N'string' | @variable } [ + ... ] ): only literals and variables may be concatenated. */
    static Statements.Stmt execString(Cursor c, int line) {
        c.expectSymbol("(");
        List<Token> parts = new ArrayList<>();
        while (true) {
            Token t = c.next();
            if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.NSTRING && t.kind() != Token.Kind.VARIABLE) {
                throw t.kind() == Token.Kind.EOF ? Errors.syntax("", t.line()) : Errors.syntax(t.shown(), t.line());
            }
            parts.add(t);
            if (c.acceptSymbol(")")) break;
            if (!c.acceptSymbol("+")) throw c.error();
        }
        return Statements.stmt(line, cc -> {
            for (Token p : parts) if (p.kind() == Token.Kind.VARIABLE) cc.requireDeclared(p.text(), p.line());
        }, (s, out) -> {
            StringBuilder sql = new StringBuilder();
            for (Token p : parts) {
                if (p.kind() != Token.Kind.VARIABLE) sql.append(p.text());
                else {
                    Object v = s.varValue(p.text());
                    // EXEC concatenates the pieces itself: a NULL piece contributes nothing
                    if (v != null) sql.append(v);
                }
            }
            run(s, sql.toString(), new LinkedHashMap<>(), 1, out);
        });
    }

    /** sp_executesql [@stmt =] stmt [, [@params =] N'@p type [OUTPUT], ...' [, [@p =] value [OUTPUT] ...]]. */
    static Statements.Stmt executeSql(int line, String rc, List<String> names, List<Statements.Expr> values,
                                      List<Boolean> outputs) {
        return Statements.stmt(line, cc -> {
            if (rc != null) cc.requireDeclared(rc, line);
            for (Statements.Expr v : values) v.compile(cc, line);
        }, (s, out) -> {
            Statements.Expr stmtArg = null;
            Statements.Expr paramsArg = null;
            List<Integer> valueIdx = new ArrayList<>();
            int positional = 0;
            for (int i = 0; i < values.size(); i++) {
                String n = names.get(i) == null ? null : names.get(i).toLowerCase(Locale.ROOT);
                if ("@stmt".equals(n) || (n == null && positional == 0 && stmtArg == null)) {
                    stmtArg = values.get(i);
                    if (n == null) positional++;
                } else if ("@params".equals(n) || (n == null && positional == 1 && paramsArg == null)) {
                    paramsArg = values.get(i);
                    if (n == null) positional++;
                } else {
                    valueIdx.add(i);
                    if (n == null) positional++;
                }
            }
            if (stmtArg == null) throw new SqlError(201, 16, 4, "Procedure or function 'sp_executesql' expects parameter '@statement', which was not supplied.");
            requireNational(s, stmtArg, "@statement");
            if (paramsArg != null) requireNational(s, paramsArg, "@parameters");
            Object text = stmtArg.eval(s);
            String defs = paramsArg == null ? null : (String) paramsArg.eval(s);
            List<ParamDef> declared = defs == null ? List.of() : parseDefinitions(defs);
            Map<String, EngineSession.Var> scope = new LinkedHashMap<>();
            for (ParamDef d : declared) scope.put(d.name.toLowerCase(Locale.ROOT), new EngineSession.Var(d.type, null));
            Map<String, String> outputTargets = new LinkedHashMap<>();
            boolean[] supplied = new boolean[declared.size()];
            int pos = 0;
            for (int idx : valueIdx) {
                String n = names.get(idx);
                int target;
                if (n == null) {
                    target = pos++;
                    if (target >= declared.size()) {
                        throw new SqlError(8144, 16, 2, "Procedure or function sp_executesql has too many arguments specified.");
                    }
                } else {
                    target = -1;
                    for (int k = 0; k < declared.size(); k++) if (declared.get(k).name.equalsIgnoreCase(n)) target = k;
                    if (target < 0) {
                        throw new SqlError(8145, 16, 2, n + " is not a parameter for procedure sp_executesql.");
                    }
                }
                ParamDef d = declared.get(target);
                Object v = values.get(idx).eval(s);
                scope.get(d.name.toLowerCase(Locale.ROOT)).value = v == null ? null : TypeMapping.toWire(v, d.type);
                supplied[target] = true;
                Token single = values.get(idx).single();
                if (outputs.get(idx) && d.output && single != null && single.kind() == Token.Kind.VARIABLE) {
                    outputTargets.put(d.name.toLowerCase(Locale.ROOT), single.text());
                }
            }
            for (int k = 0; k < declared.size(); k++) {
                if (!supplied[k] && !declared.get(k).output) {
                    throw new SqlError(8178, 16, 1, "The parameterized query '(" + defs + ")" + text + "' expects the parameter '"
                        + declared.get(k).name + "', which was not supplied.");
                }
            }
            if (text != null) run(s, text.toString(), scope, 2, out);
            for (var o : outputTargets.entrySet()) s.assign(o.getValue(), scope.get(o.getKey()).value);
            if (rc != null) s.assign(rc, 0);
        });
    }

    private static void requireNational(EngineSession s, Statements.Expr e, String param) {
        Token t = e.single();
        boolean ok = true;
        if (t != null && t.kind() == Token.Kind.STRING) ok = false;
        if (t != null && t.kind() == Token.Kind.VARIABLE) {
            SqlType vt = s.varType(t.text());
            ok = vt == null || vt.kind() == SqlType.Kind.NVARCHAR || vt.kind() == SqlType.Kind.NCHAR;
        }
        if (!ok) {
            throw new SqlError(214, 16, 2, "Procedure expects parameter '" + param + "' of type 'ntext/nchar/nvarchar'.");
        }
    }

    record ParamDef(String name, SqlType type, boolean output) {}

    /** Parses '@a int, @b nvarchar(10) OUTPUT'. */
    static List<ParamDef> parseDefinitions(String defs) {
        List<ParamDef> out = new ArrayList<>();
        if (defs.isBlank()) return out;
        Cursor c = new Cursor(Lexer.tokenize(defs));
        do {
            Token v = c.next();
            if (v.kind() != Token.Kind.VARIABLE) throw Errors.syntax(v.shown(), v.line());
            c.accept("AS");
            Token tn = c.next();
            StringBuilder sb = new StringBuilder(tn.text());
            if (c.acceptSymbol("(")) {
                sb.append('(').append(c.next().text());
                if (c.acceptSymbol(",")) sb.append(',').append(c.next().text());
                c.expectSymbol(")");
                sb.append(')');
            }
            SqlType type;
            try {
                type = TypeMapping.parse(sb.toString());
            } catch (IllegalArgumentException e) {
                throw new SqlError(2715, 16, 3, "Column, parameter, or variable #" + (out.size() + 1)
                    + ": Cannot find data type " + tn.text() + ".", tn.line());
            }
            boolean output = c.accept("OUTPUT") || c.accept("OUT");
            out.add(new ParamDef(v.text(), type, output));
        } while (c.acceptSymbol(","));
        if (!c.atEnd()) throw c.error();
        return out;
    }

    /** Runs {@code sql} as a lower scope of the session's current batch. */
    static void run(EngineSession s, String sql, Map<String, EngineSession.Var> scope, int nestIncrement, List<ResultItem> out) {
        EngineSession.Scope saved = s.enterScope(scope, nestIncrement);
        try {
            List<Statements.Stmt> stmts;
            try {
                stmts = new Statements(Lexer.tokenize(sql)).parseBatch();
                Map<String, SqlType> types = new LinkedHashMap<>();
                scope.forEach((k, v) -> types.put(k, v.type));
                Statements.compileAll(stmts, new Compiler(s, types));
            } catch (SqlError e) {
                throw new ErrorFlow.LowerScopeFailed(e);
            }
            try {
                Statements.runBlock(stmts, s, out);
            } catch (ErrorFlow.ScopeAbort a) {
                throw new ErrorFlow.LowerScopeFailed(a.error);
            } catch (ErrorFlow.Return | ErrorFlow.Break | ErrorFlow.Continue r) {
                // RETURN (or BREAK/CONTINUE outside a loop) ends the dynamic batch only
            }
        } finally {
            s.leaveScope(saved);
        }
    }
}
