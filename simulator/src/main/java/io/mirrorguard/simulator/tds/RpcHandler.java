package io.mirrorguard.simulator.tds;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlParam;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.tds.RpcParamReader.RpcParam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RPC requests: the system procedures drivers use for parameterised and prepared statements, plus any other
 * procedure name, which is passed to the engine as an EXEC. Prepared handles live here, per connection.
 */
final class RpcHandler {
    static final int SP_EXECUTESQL = 10;
    static final int SP_PREPARE = 11;
    static final int SP_EXECUTE = 12;
    static final int SP_PREPEXEC = 13;
    static final int SP_UNPREPARE = 15;

    private static final int BATCH_FLAG = 0xFF;
    private static final int NO_EXEC_FLAG = 0xFE;

    private record Prepared(String declaration, String sql) {}

    private record Call(String proc, List<RpcParam> params) {}

    private final SqlSession session;
    private final String serverName;
    private final Map<Integer, Prepared> prepared = new HashMap<>();
    private int nextHandle = 1;
    private String currentDatabase;
    /** The first required parameter found missing while handling the current call. */
    private String missing;

    RpcHandler(SqlSession session, String serverName, String database) {
        this.session = session;
        this.serverName = serverName;
        this.currentDatabase = database;
    }

    private static final java.util.regex.Pattern UNPREPARE_BATCH = java.util.regex.Pattern.compile(
            "(?:\\s*+exec(?:ute)?\\s++(?:sys\\.)?sp_unprepare\\s++\\d{1,10}\\s*+;?)++\\s*+",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern UNPREPARE_ONE = java.util.regex.Pattern.compile(
            "sp_unprepare\\s+(\\d{1,10})", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * mssql-jdbc releases queued handles with a SQL batch {@code EXEC sp_unprepare 5;EXEC sp_unprepare 6;}. The
     * handles live here, so such a batch is answered by the wire layer; false for any other batch.
     */
    boolean unprepareBatch(String sql, ResponseEncoder enc) {
        if (sql.length() > 65_536 || !UNPREPARE_BATCH.matcher(sql).matches()) {
            return false;
        }
        java.util.regex.Matcher m = UNPREPARE_ONE.matcher(sql);
        while (m.find()) {
            try {
                prepared.remove(Integer.parseInt(m.group(1)));
            } catch (NumberFormatException e) {
                // more than an int: no such handle was ever issued
            }
            Tokens.returnStatus(enc.buffer(), 0);
            enc.done(Tokens.DONE, 0, Tokens.CMD_EXECUTE, 0);
        }
        return true;
    }

    int preparedCount() {
        return prepared.size();
    }

    static void skipAllHeaders(PayloadReader r) throws TdsProtocolException {
        int total = r.i32("ALL_HEADERS length");
        if (total < 4 || total - 4 > r.remaining()) {
            throw new TdsProtocolException("ALL_HEADERS length " + total + " out of range");
        }
        r.skip(total - 4, "ALL_HEADERS");
    }

    void execute(byte[] payload, ResponseEncoder enc, CancelToken token) throws TdsProtocolException {
        PayloadReader r = new PayloadReader(payload);
        skipAllHeaders(r);
        List<Call> calls = new ArrayList<>();
        while (r.remaining() > 0) {
            calls.add(readCall(r));
        }
        if (calls.isEmpty()) {
            throw new TdsProtocolException("RPC request without a procedure");
        }
        for (Call call : calls) {
            if (token.isCancelled()) {
                break;
            }
            run(call, enc, token);
        }
    }

    private static Call readCall(PayloadReader r) throws TdsProtocolException {
        int nameLen = r.u16("RPC procedure name length");
        String proc;
        if (nameLen == 0xFFFF) {
            int id = r.u16("RPC procedure id");
            proc = switch (id) {
                case SP_EXECUTESQL -> "sp_executesql";
                case SP_PREPARE -> "sp_prepare";
                case SP_EXECUTE -> "sp_execute";
                case SP_PREPEXEC -> "sp_prepexec";
                case SP_UNPREPARE -> "sp_unprepare";
                default -> throw new TdsProtocolException("unsupported RPC procedure id " + id
                        + " (server cursors are not simulated)");
            };
        } else {
            proc = r.ucs2(nameLen, "RPC procedure name");
        }
        r.u16("RPC option flags");
        List<RpcParam> params = new ArrayList<>();
        while (r.remaining() > 0) {
            int peek = r.data()[r.position()] & 0xFF;
            if (peek == BATCH_FLAG || peek == NO_EXEC_FLAG) {
                r.u8("RPC batch flag");
                break;
            }
            params.add(RpcParamReader.read(r));
        }
        return new Call(proc, params);
    }

    /** Drops brackets and a sys./master.. prefix so that named calls of the system procedures are recognised. */
    static String normalise(String proc) {
        String p = proc.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"master.sys.", "master..", "master.dbo.", "sys.", "dbo."}) {
            if (p.startsWith(prefix)) {
                return p.substring(prefix.length());
            }
        }
        return p;
    }

    private void run(Call call, ResponseEncoder enc, CancelToken token) {
        List<RpcParam> p = call.params();
        String proc = normalise(call.proc());
        Integer handleOut = null;
        String handleName = "";
        switch (proc) {
            case "sp_executesql" -> {
                String sql = text(p, 0, proc);
                String decl = p.size() > 1 ? declaration(p, proc) : "";
                if (sql != null) {
                    runStatement(sql, decl, p.subList(Math.min(2, p.size()), p.size()), enc, token);
                }
            }
            case "sp_prepexec" -> {
                String decl = declaration(p, proc);
                String sql = text(p, 2, proc);
                if (sql != null) {
                    handleOut = prepare(decl, sql);
                    handleName = p.get(0).name();
                    runStatement(sql, decl, p.subList(3, p.size()), enc, token);
                }
            }
            case "sp_prepare" -> {
                String decl = declaration(p, proc);
                String sql = text(p, 2, proc);
                if (sql != null) {
                    handleOut = prepare(decl, sql);
                    handleName = p.get(0).name();
                }
            }
            case "sp_execute" -> {
                Integer h = handle(p);
                if (h != null) {
                    Prepared stmt = prepared.get(h);
                    if (stmt == null) {
                        error(enc, 8179, 4, "Could not find prepared statement with handle " + h + ".");
                    } else {
                        runStatement(stmt.sql(), stmt.declaration(), p.subList(1, p.size()), enc, token);
                    }
                }
            }
            case "sp_unprepare" -> {
                Integer h = handle(p);
                if (h != null) {
                    prepared.remove(h);
                }
            }
            default -> runProcedure(call, enc, token);
        }
        if (missing != null) {
            error(enc, 201, 4, "Procedure or function '" + proc + "' expects parameter '" + missing
                    + "', which was not supplied.");
            missing = null;
        }
        Tokens.returnStatus(enc.buffer(), 0);
        if (handleOut != null) {
            Tokens.returnValueInt(enc.buffer(), 0, handleName, handleOut);
        }
        enc.done(Tokens.DONEPROC, enc.anyError() ? Tokens.DONE_ERROR : 0, Tokens.CMD_EXECUTE, 0);
    }

    private String text(List<RpcParam> p, int index, String proc) {
        if (index >= p.size() || p.get(index).value() == null) {
            if (missing == null) {
                missing = switch (index) {
                    case 0 -> proc.equals("sp_executesql") ? "@stmt" : "@handle";
                    case 1 -> "@params";
                    default -> "@stmt";
                };
            }
            return null;
        }
        return p.get(index).value().toString();
    }

    /**
     * The {@code @params} declaration: SQL Server takes a NULL one as "no parameters" (mssql-jdbc sends NULL for
     * every prepared statement without parameters); only a missing one is error 201.
     */
    private String declaration(List<RpcParam> p, String proc) {
        if (p.size() > 1 && p.get(1).value() == null) {
            return "";
        }
        return text(p, 1, proc);
    }

    private Integer handle(List<RpcParam> p) {
        if (p.isEmpty() || !(p.get(0).value() instanceof Number n)) {
            missing = "@handle";
            return null;
        }
        return n.intValue();
    }

    private int prepare(String decl, String sql) {
        int h = nextHandle++;
        prepared.put(h, new Prepared(decl == null ? "" : decl, sql));
        return h;
    }

    private void runStatement(String sql, String decl, List<RpcParam> values, ResponseEncoder enc, CancelToken token) {
        List<String> names = declaredNames(decl);
        List<SqlParam> bound = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            RpcParam v = values.get(i);
            String name = !v.name().isEmpty() ? v.name() : i < names.size() ? names.get(i) : "@P" + i;
            bound.add(new SqlParam(name, v.type(), v.value()));
        }
        BatchResult result = session.execute(sql, bound, token);
        if (result.databaseChangedTo() != null) {
            announceDatabase(enc, result.databaseChangedTo());
        }
        enc.encode(result, true, "");
    }

    /** Any other procedure: {@code EXEC [name] @a = @a, ...} with the parameters bound by name. */
    private void runProcedure(Call call, ResponseEncoder enc, CancelToken token) {
        StringBuilder sql = new StringBuilder("EXEC ");
        String[] parts = call.proc().split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("[") && part.endsWith("]") && part.length() >= 2) {
                part = part.substring(1, part.length() - 1).replace("]]", "]");
            }
            sql.append(i > 0 ? "." : "").append(part.isEmpty() ? "" : TdsConnection.quoteName(part));
        }
        List<SqlParam> bound = new ArrayList<>();
        for (int i = 0; i < call.params().size(); i++) {
            RpcParam v = call.params().get(i);
            String name = v.name().isEmpty() ? "@P" + i : v.name();
            sql.append(i == 0 ? " " : ", ").append(v.name().isEmpty() ? "" : name + " = ").append(name);
            bound.add(new SqlParam(name, v.type(), v.value()));
        }
        BatchResult result = session.execute(sql.toString(), bound, token);
        if (result.databaseChangedTo() != null) {
            announceDatabase(enc, result.databaseChangedTo());
        }
        enc.encode(result, true, call.proc());
    }

    /** ENVCHANGE(database) and INFO 5701 after a USE, as SQL Server sends them. */
    void announceDatabase(ResponseEncoder enc, String database) {
        Tokens.envString(enc.buffer(), Tokens.ENV_DATABASE, database, currentDatabase);
        Tokens.message(enc.buffer(), false, 5701, 1, 0, "Changed database context to '" + database + "'.",
                serverName, "", 1);
        currentDatabase = database;
    }

    private void error(ResponseEncoder enc, int number, int state, String text) {
        enc.encode(new BatchResult(List.of(new ResultItem.Message(number, state, 16, text, 1)), null, false),
                true, "");
    }

    /** The parameter names of an sp_executesql declaration such as {@code @P0 int,@P1 decimal(10,2) OUTPUT}. */
    static List<String> declaredNames(String decl) {
        List<String> names = new ArrayList<>();
        if (decl == null || decl.isBlank()) {
            return names;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= decl.length(); i++) {
            char c = i < decl.length() ? decl.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                String item = decl.substring(start, i).trim();
                int end = 0;
                while (end < item.length() && !Character.isWhitespace(item.charAt(end))) {
                    end++;
                }
                if (end > 0) {
                    names.add(item.substring(0, end));
                }
                start = i + 1;
            }
        }
        return names;
    }
}
