package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlType;
import io.mirrorguard.simulator.engine.catalog.TranslatedQuery;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Compiles a batch before it runs, as SQL Server does: variables must be declared textually before use, and every
 * statement over objects that exist is bound now, so an invalid column fails the whole batch before its first
 * statement runs. A statement naming an object that does not exist is left for deferred name resolution: it
 * compiles when reached, and its Msg 208 ends the scope then.
 */
final class Compiler {

    private final EngineSession session;
    private final Map<String, SqlType> vars = new HashMap<>();

    Compiler(EngineSession session, Map<String, SqlType> params) {
        this.session = session;
        params.forEach((k, v) -> vars.put(k.toLowerCase(Locale.ROOT), v));
    }

    SqlType varType(String name) {
        return vars.get(name.toLowerCase(Locale.ROOT));
    }

    void declare(String name, SqlType type, int line) {
        String k = name.toLowerCase(Locale.ROOT);
        if (vars.containsKey(k)) throw Errors.alreadyDeclared(name).atLine(line);
        vars.put(k, type);
    }

    void requireDeclared(String name, int line) {
        if (varType(name) == null) throw Errors.mustDeclare(name).atLine(line);
    }

    /**
     * Translates and binds one statement's query. Returns the translation to reuse at run time, or null when the
     * statement is deferred (it names an object that does not exist) or fails only in ways SQL Server detects
     * at run time.
     */
    TranslatedQuery check(int line, Function<Function<String, SqlType>, TranslatedQuery> translate) {
        TranslatedQuery q;
        try {
            q = translate.apply(this::varType);
        } catch (SqlError e) {
            if (e.number() == 208) return null;
            throw e.line() > 1 ? e : e.atLine(line);
        }
        try {
            session.fleet().store().query(q.sql());
        } catch (SQLException e) {
            SqlError m = H2Errors.map(e);
            if (ErrorFlow.COMPILE.contains(m.number()) && m.number() != 208) throw m.line() > 1 ? m : m.atLine(line);
            return null;
        }
        return q;
    }
}
