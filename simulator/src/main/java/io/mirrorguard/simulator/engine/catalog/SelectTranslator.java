package io.mirrorguard.simulator.engine.catalog;

import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlType;
import io.mirrorguard.simulator.engine.Errors;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites a T-SQL SELECT (or an expression) into SQL the embedded engine runs: catalog views become derived tables
 * filtered on a scope parameter, variables and session values become typed parameters, and T-SQL-only functions
 * become Java functions. Anything it cannot place raises the SQL Server error instead of guessing.
 */
public final class SelectTranslator {

    /** Words reserved by the embedded engine but ordinary identifiers in T-SQL: they are quoted. */
    private static final Set<String> QUOTE_WORDS = Set.of("VALUE", "ROWNUM", "QUALIFY", "REGEXP", "ILIKE", "MINUS",
        "GROUPS", "WINDOW", "LIMIT", "_ROWID_", "UESCAPE", "INTERVAL", "ARRAY", "ROW", "LOCALTIME", "LOCALTIMESTAMP",
        "SYMMETRIC", "ASYMMETRIC", "BOTH", "LEADING", "TRAILING", "MONTH", "YEAR", "DAY", "HOUR", "MINUTE", "SECOND");

    private static final Set<String> CLAUSE_END = Set.of("FROM", "WHERE", "GROUP", "ORDER", "HAVING", "UNION",
        "EXCEPT", "INTERSECT", "INTO", "OPTION", "FOR");

    private static final Set<String> NOT_ALIAS = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS",
        "OUTER", "ON", "ORDER", "GROUP", "HAVING", "UNION", "EXCEPT", "INTERSECT", "WITH", "OPTION", "FOR", "APPLY");

    /** Session values that look like variables: @@NAME → T-SQL type. */
    public static final Map<String, String> SYSVARS = Map.ofEntries(
        Map.entry("@@SERVERNAME", "nvarchar(128)"), Map.entry("@@VERSION", "nvarchar(300)"),
        Map.entry("@@SPID", "smallint"), Map.entry("@@TRANCOUNT", "int"), Map.entry("@@ROWCOUNT", "int"),
        Map.entry("@@ERROR", "int"), Map.entry("@@SERVICENAME", "nvarchar(128)"), Map.entry("@@LANGUAGE", "nvarchar(128)"),
        Map.entry("@@TEXTSIZE", "int"), Map.entry("@@LOCK_TIMEOUT", "int"), Map.entry("@@DATEFIRST", "tinyint"),
        Map.entry("@@OPTIONS", "int"), Map.entry("@@MAX_PRECISION", "tinyint"), Map.entry("@@NESTLEVEL", "int"),
        Map.entry("@@MICROSOFTVERSION", "int"), Map.entry("@@LANGID", "smallint"), Map.entry("@@IDENTITY", "numeric(38,0)"),
        Map.entry("@@FETCH_STATUS", "int"), Map.entry("@@PROCID", "int"), Map.entry("@@MAX_CONNECTIONS", "int"));

    /** Functions evaluated by the engine without arguments: name → T-SQL type of the result. */
    public static final Map<String, String> NILADIC = Map.ofEntries(
        Map.entry("SUSER_SNAME", "nvarchar(128)"), Map.entry("SUSER_NAME", "nvarchar(128)"), Map.entry("SUSER_ID", "int"),
        Map.entry("SUSER_SID", "varbinary(85)"), Map.entry("USER_NAME", "nvarchar(128)"), Map.entry("USER_ID", "int"),
        Map.entry("DB_NAME", "nvarchar(128)"), Map.entry("DB_ID", "smallint"), Map.entry("SCHEMA_NAME", "nvarchar(128)"),
        Map.entry("SCHEMA_ID", "int"), Map.entry("ORIGINAL_LOGIN", "nvarchar(128)"), Map.entry("HOST_NAME", "nvarchar(128)"),
        Map.entry("APP_NAME", "nvarchar(128)"), Map.entry("SYSTEM_USER", "nvarchar(128)"),
        Map.entry("SESSION_USER", "nvarchar(128)"), Map.entry("CURRENT_USER", "nvarchar(128)"), Map.entry("USER", "nvarchar(128)"),
        Map.entry("NEWID", "uniqueidentifier"), Map.entry("ERROR_NUMBER", "int"), Map.entry("ERROR_SEVERITY", "int"),
        Map.entry("ERROR_STATE", "int"), Map.entry("ERROR_LINE", "int"), Map.entry("ERROR_MESSAGE", "nvarchar(4000)"),
        Map.entry("ERROR_PROCEDURE", "nvarchar(128)"), Map.entry("XACT_STATE", "smallint"));

    /** Java functions: T-SQL name → alias and the T-SQL result type (null keeps the engine's type). */
    private static final Map<String, String[]> JAVA_FNS = Map.ofEntries(
        Map.entry("LEN", new String[] {"MG_LEN", "int"}),
        Map.entry("QUOTENAME", new String[] {"MG_QUOTENAME", "nvarchar(258)"}),
        Map.entry("SERVERPROPERTY", new String[] {"MG_SERVERPROPERTY", "nvarchar(128)"}),
        Map.entry("CERTENCODED", new String[] {"MG_CERTENCODED", null}),
        Map.entry("CERT_ID", new String[] {"MG_CERT_ID", "int"}),
        Map.entry("SUSER_SNAME", new String[] {"MG_SUSER_SNAME", "nvarchar(128)"}),
        Map.entry("SUSER_SID", new String[] {"MG_SUSER_SID", "varbinary(85)"}),
        Map.entry("SUSER_ID", new String[] {"MG_SUSER_ID", "int"}),
        Map.entry("SUSER_NAME", new String[] {"MG_SUSER_NAME", "nvarchar(128)"}),
        Map.entry("USER_NAME", new String[] {"MG_USER_NAME", "nvarchar(128)"}),
        Map.entry("USER_ID", new String[] {"MG_USER_ID", "int"}),
        Map.entry("DB_NAME", new String[] {"MG_DB_NAME", "nvarchar(128)"}),
        Map.entry("DB_ID", new String[] {"MG_DB_ID", "smallint"}),
        Map.entry("HAS_PERMS_BY_NAME", new String[] {"MG_HAS_PERMS_BY_NAME", "int"}),
        Map.entry("IS_SRVROLEMEMBER", new String[] {"MG_IS_SRVROLEMEMBER", "int"}),
        Map.entry("IS_MEMBER", new String[] {"MG_IS_MEMBER", "int"}),
        Map.entry("COL_LENGTH", new String[] {"MG_COL_LENGTH", "smallint"}),
        Map.entry("OBJECT_ID", new String[] {"MG_OBJECT_ID", "int"}),
        Map.entry("SCHEMA_NAME", new String[] {"MG_SCHEMA_NAME", "nvarchar(128)"}),
        Map.entry("SCHEMA_ID", new String[] {"MG_SCHEMA_ID", "int"}));

    private static final Map<String, String> DATEPARTS = Map.ofEntries(
        Map.entry("YY", "YEAR"), Map.entry("YYYY", "YEAR"), Map.entry("YEAR", "YEAR"), Map.entry("QQ", "QUARTER"),
        Map.entry("Q", "QUARTER"), Map.entry("QUARTER", "QUARTER"), Map.entry("MM", "MONTH"), Map.entry("M", "MONTH"),
        Map.entry("MONTH", "MONTH"), Map.entry("DD", "DAY"), Map.entry("D", "DAY"), Map.entry("DAY", "DAY"),
        Map.entry("DY", "DAY_OF_YEAR"), Map.entry("DAYOFYEAR", "DAY_OF_YEAR"), Map.entry("WK", "WEEK"),
        Map.entry("WW", "WEEK"), Map.entry("WEEK", "WEEK"), Map.entry("HH", "HOUR"), Map.entry("HOUR", "HOUR"),
        Map.entry("MI", "MINUTE"), Map.entry("N", "MINUTE"), Map.entry("MINUTE", "MINUTE"), Map.entry("SS", "SECOND"),
        Map.entry("S", "SECOND"), Map.entry("SECOND", "SECOND"), Map.entry("MS", "MILLISECOND"),
        Map.entry("MILLISECOND", "MILLISECOND"));

    private final List<Token> t;
    private final Function<String, SqlType> varTypes;
    private final List<QueryParam> params = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private final Set<Integer> national = new java.util.HashSet<>();
    /** Start of the expression being translated: context (a comparison, LIKE) is looked for only inside it. */
    private int exprFrom;

    private SelectTranslator(List<Token> tokens, Function<String, SqlType> varTypes) {
        this.t = tokens;
        this.varTypes = varTypes;
    }

    /** Translates the SELECT statement in tokens [from, to). */
    public static TranslatedQuery select(List<Token> tokens, int from, int to, Function<String, SqlType> varTypes) {
        SelectTranslator tr = new SelectTranslator(tokens, varTypes);
        List<String> assign = tr.selectStatement(from, to);
        return new TranslatedQuery(tr.out.toString(), tr.params, assign, tr.national);
    }

    /** Translates a condition (IF / WHILE) into a query returning 1 or 0. */
    public static TranslatedQuery condition(List<Token> tokens, int from, int to, Function<String, SqlType> varTypes) {
        SelectTranslator tr = new SelectTranslator(tokens, varTypes);
        tr.out.append("SELECT CASE WHEN ");
        tr.expr(from, to);
        tr.out.append(" THEN 1 ELSE 0 END");
        return new TranslatedQuery(tr.out.toString(), tr.params, List.of());
    }

    /** Translates a scalar expression (SET @v = expr, PRINT expr) into a one-row query. */
    public static TranslatedQuery scalar(List<Token> tokens, int from, int to, Function<String, SqlType> varTypes) {
        SelectTranslator tr = new SelectTranslator(tokens, varTypes);
        tr.out.append("SELECT ");
        tr.expr(from, to);
        return new TranslatedQuery(tr.out.toString(), tr.params, List.of());
    }

    private List<String> selectStatement(int from, int to) {
        int i = from;
        out.append("SELECT");
        i++;
        if (i < to && (t.get(i).is("DISTINCT") || t.get(i).is("ALL"))) { out.append(' ').append(t.get(i).upper()); i++; }
        if (i < to && t.get(i).is("TOP")) {
            out.append(" TOP");
            i++;
            if (i < to && t.get(i).isSymbol("(")) {
                int close = matching(i, to);
                out.append(" (");
                expr(i + 1, close);
                out.append(')');
                i = close + 1;
            } else if (i < to && t.get(i).kind() == Token.Kind.NUMBER) {
                out.append(' ').append(t.get(i).text());
                i++;
            } else {
                throw syntax(i < to ? i : to - 1);
            }
            if (i < to && t.get(i).is("PERCENT")) { out.append(" PERCENT"); i++; }
            if (i < to && t.get(i).is("WITH") && i + 1 < to && t.get(i + 1).is("TIES")) { out.append(" WITH TIES"); i += 2; }
        }
        int listEnd = i;
        int depth = 0;
        while (listEnd < to) {
            Token k = t.get(listEnd);
            if (k.isSymbol("(")) depth++;
            else if (k.isSymbol(")")) depth--;
            else if (depth == 0 && k.kind() == Token.Kind.WORD && CLAUSE_END.contains(k.upper())) break;
            listEnd++;
        }
        if (listEnd == i) throw syntax(Math.min(i, t.size() - 1));
        List<int[]> items = splitTopLevel(i, listEnd);
        List<String> assign = new ArrayList<>();
        boolean first = true;
        boolean starSeen = false;
        int column = 0;
        for (int[] it : items) {
            starSeen |= t.get(it[1] - 1).isSymbol("*") && (it[1] - it[0] == 1 || t.get(it[1] - 2).isSymbol("."));
            if (!starSeen && isNationalConcatenation(it[0], it[1])) national.add(column);
            column++;
            out.append(first ? " " : ", ");
            first = false;
            int a = it[0];
            int b = it[1];
            if (a >= b) throw syntax(Math.min(a, t.size() - 1));
            Token h = t.get(a);
            if (h.kind() == Token.Kind.VARIABLE && a + 1 < b && t.get(a + 1).isSymbol("=")) {
                if (varTypes.apply(h.text()) == null) throw Errors.mustDeclare(h.text()).atLine(h.line());
                assign.add(h.text());
                expr(a + 2, b);
            } else if ((h.isIdentifier() || h.kind() == Token.Kind.STRING) && a + 1 < b && t.get(a + 1).isSymbol("=")) {
                expr(a + 2, b);
                out.append(" AS ").append(quote(h.text()));
            } else {
                expr(a, b);
            }
        }
        if (!assign.isEmpty() && assign.size() != items.size()) {
            throw new SqlError(141, 15, 1, "A SELECT statement that assigns a value to a variable must not be combined with data-retrieval operations.", h(from).line());
        }
        expr(listEnd, to);
        return assign;
    }

    private Token h(int i) {
        return t.get(i);
    }

    private List<int[]> splitTopLevel(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            Token k = t.get(i);
            if (k.isSymbol("(")) depth++;
            else if (k.isSymbol(")")) depth--;
            else if (depth == 0 && k.isSymbol(",")) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    private int matching(int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (t.get(i).isSymbol("(")) depth++;
            else if (t.get(i).isSymbol(")")) {
                depth--;
                if (depth == 0) return i;
            }
        }
        throw syntax(to - 1);
    }

    private SqlError syntax(int i) {
        Token k = t.get(Math.max(0, Math.min(i, t.size() - 1)));
        if (k.kind() == Token.Kind.EOF) return Errors.syntax("", k.line());
        return Errors.syntax(k.shown(), k.line());
    }

    /** Translates tokens [from, to) of an expression or clause sequence. */
    private void expr(int from, int to) {
        int savedFrom = exprFrom;
        exprFrom = from;
        try {
            exprBody(from, to);
        } finally {
            exprFrom = savedFrom;
        }
    }

    private void exprBody(int from, int to) {
        // fromDepth[d] true while a FROM clause is open at paren depth d
        boolean[] inFrom = new boolean[64];
        int depth = 0;
        boolean expectTable = false;
        int i = from;
        while (i < to) {
            Token k = t.get(i);
            if (k.isSymbol("(")) {
                depth++;
                if (depth < inFrom.length) inFrom[depth] = false;
                space();
                out.append('(');
                expectTable = false;
                i++;
                continue;
            }
            if (k.isSymbol(")")) {
                depth--;
                out.append(')');
                i++;
                continue;
            }
            if (k.kind() == Token.Kind.WORD) {
                String u = k.upper();
                if (u.equals("FROM")) {
                    inFrom[Math.max(0, depth)] = true;
                    expectTable = true;
                    word("FROM");
                    i++;
                    continue;
                }
                if (u.equals("JOIN")) {
                    expectTable = true;
                    word("JOIN");
                    i++;
                    continue;
                }
                if (u.equals("APPLY")) throw Errors.syntax(k.text(), k.line());
                if (Set.of("WHERE", "GROUP", "ORDER", "HAVING", "UNION", "EXCEPT", "INTERSECT").contains(u)) {
                    inFrom[Math.max(0, depth)] = false;
                }
            }
            if (k.isSymbol(",") && depth >= 0 && inFrom[Math.max(0, depth)]) {
                out.append(',');
                expectTable = true;
                i++;
                continue;
            }
            if (expectTable && k.isIdentifier()) {
                i = tableReference(i, to);
                expectTable = false;
                continue;
            }
            expectTable = false;
            i = term(i, to);
        }
    }

    /** A table in FROM/JOIN: only catalog views exist on this simulated server. */
    private int tableReference(int i, int to) {
        List<String> parts = new ArrayList<>();
        int line = t.get(i).line();
        int j = i;
        parts.add(t.get(j).text());
        j++;
        while (j < to && t.get(j).isSymbol(".")) {
            j++;
            if (j < to && t.get(j).isSymbol(".")) { parts.add(""); continue; }
            if (j >= to || !t.get(j).isIdentifier()) throw syntax(j);
            parts.add(t.get(j).text());
            j++;
        }
        String written = String.join(".", parts);
        if (parts.size() < 2 || parts.size() > 3 || !parts.get(parts.size() - 2).equalsIgnoreCase("sys")) {
            throw Errors.invalidObject(written).atLine(line);
        }
        String viewName = "sys." + parts.get(parts.size() - 1);
        CatalogSchema.View v = CatalogSchema.get().view(viewName).orElseThrow(() -> Errors.invalidObject(written).atLine(line));
        String db = parts.size() == 3 ? parts.get(0) : null;
        space();
        out.append(CatalogStore.derivedTable(v));
        params.add(new QueryParam(QueryParam.Kind.VIEW, v.name(), db));
        if (j < to && t.get(j).is("WITH") && j + 1 < to && t.get(j + 1).isSymbol("(")) {
            j = matching(j + 1, to) + 1;
        }
        boolean hasAlias = j < to && (t.get(j).is("AS")
            || (t.get(j).isIdentifier() && !(t.get(j).kind() == Token.Kind.WORD && NOT_ALIAS.contains(t.get(j).upper()))));
        if (!hasAlias) out.append(" AS ").append(quote(parts.get(parts.size() - 1)));
        else {
            if (t.get(j).is("AS")) j++;
            if (j >= to || !t.get(j).isIdentifier() && t.get(j).kind() != Token.Kind.STRING) throw syntax(j);
            out.append(" AS ").append(quote(t.get(j).text()));
            j++;
            if (j < to && t.get(j).is("WITH") && j + 1 < to && t.get(j + 1).isSymbol("(")) {
                j = matching(j + 1, to) + 1;
            }
        }
        return j;
    }

    /** One token or construct outside FROM handling; returns the next index. */
    private int term(int i, int to) {
        Token k = t.get(i);
        switch (k.kind()) {
            case STRING, NSTRING -> {
                String text = k.text();
                boolean pattern = afterLike(i);
                boolean withValue = false;
                if (pattern) text = likePattern(text);
                else if (compared(i, to)) {
                    text = rtrim(text);
                    withValue = comparedWithValue(i, to);
                }
                space();
                // a varchar literal compared with another literal or variable: compare case-insensitively, as the
                // default collation does (a comparison with an nvarchar column already is)
                if (k.kind() == Token.Kind.STRING && !withValue) out.append(literal(text));
                else out.append("CAST(").append(literal(text)).append(" AS VARCHAR_IGNORECASE(").append(Math.max(1, text.length())).append("))");
                if (pattern && !(i + 1 < to && t.get(i + 1).is("ESCAPE"))) out.append(" ESCAPE '\\'");
                return i + 1;
            }
            case HEX -> { space(); out.append("X'").append(k.text().length() % 2 == 1 ? "0" + k.text() : k.text()).append('\''); return i + 1; }
            case NUMBER -> { space(); out.append(k.text()); return i + 1; }
            case VARIABLE -> {
                SqlType vt = varTypes.apply(k.text());
                if (vt == null) throw Errors.mustDeclare(k.text()).atLine(k.line());
                boolean pattern = afterLike(i);
                boolean trim = !pattern && isCharacter(vt) && compared(i, to);
                boolean insensitive = trim && comparedWithValue(i, to);
                space();
                if (insensitive) out.append("CAST(");
                if (trim) out.append("RTRIM(");
                param(new QueryParam(QueryParam.Kind.VARIABLE, k.text(), null), vt);
                if (trim) out.append(')');
                if (insensitive) out.append(" AS VARCHAR_IGNORECASE)");
                // T-SQL has no default LIKE escape character; the embedded engine's is the backslash
                if (pattern && !(i + 1 < to && t.get(i + 1).is("ESCAPE"))) out.append(" ESCAPE ''");
                return i + 1;
            }
            case SYSVAR -> {
                String type = SYSVARS.get(k.upper());
                if (type == null) throw Errors.mustDeclare(k.text()).atLine(k.line());
                param(new QueryParam(QueryParam.Kind.SYSVAR, k.upper(), null), TypeMapping.parse(type));
                return i + 1;
            }
            case QUOTED_ID -> { space(); out.append(quote(k.text())); return i + 1; }
            case SYMBOL -> {
                String s = k.text();
                switch (s) {
                    case "!=" -> s = "<>";
                    case "!<" -> s = ">=";
                    case "!>" -> s = "<=";
                    case ";" -> { return i + 1; }
                    default -> { }
                }
                if (s.equals(".") || s.equals(",")) out.append(s);
                else { space(); out.append(s); }
                return i + 1;
            }
            case WORD -> { return word(i, to); }
            default -> throw syntax(i);
        }
    }

    private int word(int i, int to) {
        Token k = t.get(i);
        String u = k.upper();
        boolean call = i + 1 < to && t.get(i + 1).isSymbol("(") && !(i > 0 && t.get(i - 1).isSymbol("."));
        if (!call) {
            if (u.equals("CURRENT_TIMESTAMP")) { param(new QueryParam(QueryParam.Kind.CLOCK, "GETDATE", null), SqlType.DATETIME); return i + 1; }
            if (NILADIC.containsKey(u) && Set.of("SYSTEM_USER", "SESSION_USER", "CURRENT_USER", "USER").contains(u)) {
                param(new QueryParam(QueryParam.Kind.NILADIC, u, null), TypeMapping.parse(NILADIC.get(u)));
                return i + 1;
            }
            space();
            out.append(QUOTE_WORDS.contains(u) && !(i > 0 && t.get(i - 1).isSymbol("(") && isDatepartPosition(i)) ? quote(k.text()) : k.text());
            return i + 1;
        }
        int open = i + 1;
        int close = matching(open, to);
        List<int[]> args = close == open + 1 ? List.of() : splitTopLevel(open + 1, close);
        switch (u) {
            case "CAST", "TRY_CAST" -> {
                int as = -1;
                int depth = 0;
                for (int j = open + 1; j < close; j++) {
                    if (t.get(j).isSymbol("(")) depth++;
                    else if (t.get(j).isSymbol(")")) depth--;
                    else if (depth == 0 && t.get(j).is("AS")) as = j;
                }
                if (as < 0) throw syntax(close);
                SqlType type = typeName(as + 1, close);
                space();
                out.append("CAST(");
                expr(open + 1, as);
                out.append(" AS ").append(TypeMapping.h2Type(type)).append(')');
                return close + 1;
            }
            case "CONVERT", "TRY_CONVERT" -> {
                if (args.size() < 2 || args.size() > 3) throw syntax(close);
                SqlType type = typeName(args.get(0)[0], args.get(0)[1]);
                space();
                out.append("CAST(");
                if (args.size() == 3) {
                    boolean stringTarget = switch (type.kind()) { case CHAR, VARCHAR, NCHAR, NVARCHAR -> true; default -> false; };
                    boolean binTarget = type.kind() == SqlType.Kind.VARBINARY || type.kind() == SqlType.Kind.BINARY;
                    Token st = t.get(args.get(2)[0]);
                    int style = st.kind() == Token.Kind.NUMBER ? Integer.parseInt(st.text()) : 0;
                    if (stringTarget && (style == 1 || style == 2)) {
                        out.append("MG_BIN2STR(");
                        expr(args.get(1)[0], args.get(1)[1]);
                        out.append(", ").append(style).append(')');
                    } else if (binTarget && (style == 1 || style == 2)) {
                        out.append("MG_STR2BIN(");
                        expr(args.get(1)[0], args.get(1)[1]);
                        out.append(", ").append(style).append(')');
                    } else if (stringTarget && style != 0) {
                        out.append("MG_DT2STR(CAST(");
                        expr(args.get(1)[0], args.get(1)[1]);
                        out.append(" AS TIMESTAMP(7)), ").append(style).append(')');
                    } else {
                        expr(args.get(1)[0], args.get(1)[1]);
                    }
                } else {
                    expr(args.get(1)[0], args.get(1)[1]);
                }
                out.append(" AS ").append(TypeMapping.h2Type(type)).append(')');
                return close + 1;
            }
            case "IIF" -> {
                if (args.size() != 3) throw syntax(close);
                space();
                out.append("CASE WHEN ");
                expr(args.get(0)[0], args.get(0)[1]);
                out.append(" THEN ");
                expr(args.get(1)[0], args.get(1)[1]);
                out.append(" ELSE ");
                expr(args.get(2)[0], args.get(2)[1]);
                out.append(" END");
                return close + 1;
            }
            case "COUNT" -> {
                boolean window = close + 1 < to && t.get(close + 1).is("OVER");
                space();
                if (!window) out.append("CAST(");
                out.append("COUNT(");
                expr(open + 1, close);
                out.append(')');
                if (!window) out.append(" AS INTEGER)");
                return close + 1;
            }
            case "DATEADD", "DATEDIFF", "DATEPART", "DATENAME" -> {
                if (args.isEmpty()) throw syntax(close);
                Token part = t.get(args.get(0)[0]);
                String p = DATEPARTS.get(part.upper());
                if (p == null || args.get(0)[1] - args.get(0)[0] != 1) throw syntax(args.get(0)[0]);
                space();
                boolean diff = u.equals("DATEDIFF");
                if (diff) out.append("CAST(");
                out.append(u.equals("DATENAME") ? "DATEPART" : u).append('(').append(p);
                for (int a = 1; a < args.size(); a++) {
                    out.append(", ");
                    expr(args.get(a)[0], args.get(a)[1]);
                }
                out.append(')');
                if (diff) out.append(" AS INTEGER)");
                return close + 1;
            }
            case "GETDATE", "GETUTCDATE" -> {
                if (!args.isEmpty()) throw syntax(close);
                param(new QueryParam(QueryParam.Kind.CLOCK, u, null), SqlType.DATETIME);
                return close + 1;
            }
            case "SYSDATETIME", "SYSUTCDATETIME", "SYSDATETIMEOFFSET" -> {
                if (!args.isEmpty()) throw syntax(close);
                param(new QueryParam(QueryParam.Kind.CLOCK, u, null), SqlType.datetime2(7));
                return close + 1;
            }
            default -> { }
        }
        if (args.isEmpty() && NILADIC.containsKey(u)) {
            param(new QueryParam(QueryParam.Kind.NILADIC, u, null), TypeMapping.parse(NILADIC.get(u)));
            return close + 1;
        }
        String[] jf = JAVA_FNS.get(u);
        if (jf != null) {
            space();
            if (jf[1] != null) out.append("CAST(");
            out.append(jf[0]).append('(');
            boolean firstArg = true;
            for (int[] a : args) {
                if (!firstArg) out.append(", ");
                firstArg = false;
                expr(a[0], a[1]);
            }
            out.append(')');
            if (jf[1] != null) out.append(" AS ").append(TypeMapping.h2Type(TypeMapping.parse(jf[1]))).append(')');
            return close + 1;
        }
        space();
        out.append(k.text()).append('(');
        boolean firstArg = true;
        for (int[] a : args) {
            if (!firstArg) out.append(", ");
            firstArg = false;
            expr(a[0], a[1]);
        }
        out.append(')');
        return close + 1;
    }

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=", "!<", "!>");

    /**
     * True when token i is a direct operand of a comparison. SQL Server pads the shorter string with spaces before
     * comparing, so trailing spaces never decide a comparison; trimming the operand gives the same answer.
     */
    private boolean compared(int i, int to) {
        boolean before = i - 1 >= exprFrom && t.get(i - 1).kind() == Token.Kind.SYMBOL && COMPARISONS.contains(t.get(i - 1).text());
        boolean after = i + 1 < to && t.get(i + 1).kind() == Token.Kind.SYMBOL && COMPARISONS.contains(t.get(i + 1).text());
        return before || after;
    }

    /** True when the other operand of the comparison at token i is a literal or a variable too. */
    private boolean comparedWithValue(int i, int to) {
        boolean before = i - 2 >= exprFrom && isComparison(t.get(i - 1)) && isValue(t.get(i - 2))
            && !(i - 3 >= exprFrom && t.get(i - 3).isSymbol("."));
        boolean after = i + 2 < to && isComparison(t.get(i + 1)) && isValue(t.get(i + 2))
            && !(i + 3 < to && (t.get(i + 3).isSymbol(".") || t.get(i + 3).isSymbol("(")));
        return before || after;
    }

    private static boolean isComparison(Token k) {
        return k.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(k.text());
    }

    private static boolean isValue(Token k) {
        return k.kind() == Token.Kind.STRING || k.kind() == Token.Kind.NSTRING || k.kind() == Token.Kind.VARIABLE;
    }

    private boolean afterLike(int i) {
        return i - 1 >= exprFrom && t.get(i - 1).is("LIKE");
    }

    private static boolean isCharacter(SqlType type) {
        return switch (type.kind()) {
            case CHAR, VARCHAR, NCHAR, NVARCHAR -> true;
            default -> false;
        };
    }

    private static String rtrim(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return s.substring(0, end);
    }

    /**
     * A T-SQL LIKE pattern as the embedded engine reads it with ESCAPE '\': the one-character sets SQL Server
     * scripts use to match a wildcard literally ([_], [%], [[]) become escapes, and a backslash stays literal.
     * Other sets ([a-c], [^x]) are kept as written and do not match as SQL Server would.
     */
    static String likePattern(String p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (ch == '[' && i + 2 < p.length() && p.charAt(i + 2) == ']' && "_%[".indexOf(p.charAt(i + 1)) >= 0) {
                char lit = p.charAt(i + 1);
                sb.append(lit == '[' ? "[" : "\\" + lit);
                i += 2;
            } else if (ch == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** A select-list item that concatenates with + and has a Unicode operand: SQL Server types it nvarchar. */
    private boolean isNationalConcatenation(int from, int to) {
        int depth = 0;
        boolean plus = false;
        boolean unicode = false;
        for (int j = from; j < to; j++) {
            Token k = t.get(j);
            if (k.isSymbol("(")) { depth++; continue; }
            if (k.isSymbol(")")) { depth--; continue; }
            if (depth != 0) continue;
            if (k.isSymbol("+")) plus = true;
            else if (k.kind() == Token.Kind.NSTRING) unicode = true;
            else if (k.kind() == Token.Kind.VARIABLE) {
                SqlType vt = varTypes.apply(k.text());
                unicode |= vt != null && (vt.kind() == SqlType.Kind.NVARCHAR || vt.kind() == SqlType.Kind.NCHAR);
            } else if (k.isIdentifier() && j + 1 < to && t.get(j + 1).isSymbol("(")) {
                unicode |= unicodeFunction(k.upper(), j + 1, to);
            } else if (k.isIdentifier() && !(j + 1 < to && t.get(j + 1).isSymbol("."))) {
                unicode |= unicodeColumn(k.text());
            }
        }
        return plus && unicode;
    }

    private boolean unicodeFunction(String fn, int open, int to) {
        if (fn.equals("CAST") || fn.equals("CONVERT") || fn.equals("TRY_CAST") || fn.equals("TRY_CONVERT")) {
            int close = matching(open, to);
            for (int j = open + 1; j < close; j++) {
                Token k = t.get(j);
                boolean typePosition = fn.endsWith("CONVERT") ? j == open + 1 : t.get(j - 1).is("AS");
                if (typePosition && (k.is("NVARCHAR") || k.is("NCHAR") || k.is("SYSNAME"))) return true;
            }
            return false;
        }
        String[] jf = JAVA_FNS.get(fn);
        String type = jf != null ? jf[1] : NILADIC.get(fn);
        return type != null && (type.startsWith("nvarchar") || type.startsWith("nchar"));
    }

    /** A column name that is Unicode in every catalog view that has it. */
    private static boolean unicodeColumn(String name) {
        boolean found = false;
        for (CatalogSchema.View v : CatalogSchema.get().views().values()) {
            int i = v.indexOf(name);
            if (i < 0) continue;
            SqlType.Kind kind = v.columns().get(i).type().kind();
            if (kind != SqlType.Kind.NVARCHAR && kind != SqlType.Kind.NCHAR) return false;
            found = true;
        }
        return found;
    }

    private boolean isDatepartPosition(int i) {
        return false;
    }

    /** Parses a T-SQL type name in tokens [from, to). */
    private SqlType typeName(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int j = from; j < to; j++) {
            Token k = t.get(j);
            sb.append(k.kind() == Token.Kind.QUOTED_ID ? k.text() : k.text());
        }
        try {
            return TypeMapping.parse(sb.toString());
        } catch (IllegalArgumentException e) {
            Token k = t.get(from);
            throw new SqlError(243, 16, 1, "Type " + k.text() + " is not a defined system type.", k.line());
        }
    }

    private void param(QueryParam p, SqlType type) {
        space();
        params.add(p);
        out.append("CAST(? AS ").append(TypeMapping.h2Type(type)).append(')');
    }

    private void word(String w) {
        space();
        out.append(w);
    }

    private void space() {
        if (out.length() > 0) {
            char c = out.charAt(out.length() - 1);
            if (c != '(' && c != ' ' && c != '.') out.append(' ');
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String quote(String id) {
        return "\"" + id.replace("\"", "\"\"") + "\"";
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
