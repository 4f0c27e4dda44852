package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlError;
import io.mirrorguard.simulator.api.SqlParam;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.api.SqlType;
import io.mirrorguard.simulator.engine.catalog.BuiltinContext;
import io.mirrorguard.simulator.engine.catalog.Builtins;
import io.mirrorguard.simulator.engine.catalog.CatalogSchema;
import io.mirrorguard.simulator.engine.catalog.QueryParam;
import io.mirrorguard.simulator.engine.catalog.TranslatedQuery;
import io.mirrorguard.simulator.engine.catalog.TypeMapping;
import io.mirrorguard.simulator.engine.model.Certificate;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.DatabasePrincipal;
import io.mirrorguard.simulator.engine.model.InstanceState;
import io.mirrorguard.simulator.engine.model.ServerPrincipal;
import io.mirrorguard.simulator.engine.security.Permissions;
import io.mirrorguard.simulator.engine.tsql.Lexer;
import io.mirrorguard.simulator.engine.tsql.Token;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A connection's server-side state and the batch executor. */
public final class EngineSession implements SqlSession, BuiltinContext {

    /** A declared variable or sp_executesql parameter. */
    static final class Var {
        final SqlType type;
        Object value;

        Var(SqlType type, Object value) {
            this.type = type;
            this.value = value;
        }
    }

    private final SimulatedInstance instance;
    private final int loginId;
    private final int spid;
    private String database;
    private Map<String, Var> vars = new HashMap<>();
    private int tranCount;
    private InstanceState txSnapshot;
    final Set<String> openMasterKeys = new HashSet<>();
    int rowCount;
    int lastError;
    int textSize = 4096;
    /** TRY blocks being run, in every scope of the batch. */
    int tryDepth;
    /** Errors of the CATCH blocks being run, innermost first: what ERROR_NUMBER() and friends report. */
    final Deque<SqlError> caughtErrors = new ArrayDeque<>();
    boolean xactAbort;
    private int nestLevel;
    private CancelToken cancel;
    private boolean closed;

    EngineSession(SimulatedInstance instance, int loginId, String database, int spid) {
        this.instance = instance;
        this.loginId = loginId;
        this.database = database;
        this.spid = spid;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String loginName() {
        return login().name;
    }

    public ServerPrincipal login() {
        return instance.state.principalById(loginId).orElseThrow(() -> new SqlError(18456, 14, 1, "Login failed."));
    }

    int loginId() {
        return loginId;
    }

    SimulatedInstance instance() {
        return instance;
    }

    InstanceState state() {
        return instance.state;
    }

    SimulatedFleet fleet() {
        return instance.fleet();
    }

    int spid() {
        return spid;
    }

    int tranCount() {
        return tranCount;
    }

    CancelToken cancelToken() {
        return cancel;
    }

    Database currentDb() {
        return instance.state.database(database).orElseThrow(() -> Errors.dbNotExist(database));
    }

    void useDatabase(String name) {
        this.database = name;
    }

    LocalDateTime now() {
        return fleet().utcNow();
    }

    boolean isSysadmin() {
        return Permissions.isSysadmin(instance.state, loginId);
    }

    /** A server permission, with the HIDE_CATALOG fault taking the audit login's catalog permissions away. */
    boolean hasServer(String code) {
        if ((code.equals("VWAD") || code.equals("VWSS")) && catalogHidden()) return false;
        return Permissions.hasServer(instance.state, loginId, code);
    }

    boolean catalogHidden() {
        return instance.fault().kind() == Fault.Kind.HIDE_CATALOG && login().name.equalsIgnoreCase(SimulatedInstance.AUDIT_LOGIN);
    }

    // ---------------------------------------------------------------- batches

    @Override
    public BatchResult execute(String sql, List<SqlParam> params, CancelToken cancelToken) {
        instance.record(sql);
        var lock = fleet().store().lock();
        lock.lock();
        String dbBefore = database;
        List<ResultItem> out = new ArrayList<>();
        boolean cancelled = false;
        this.cancel = cancelToken == null ? new CancelToken() : cancelToken;
        try {
            vars.clear();
            if (params != null) {
                for (SqlParam p : params) vars.put(p.name().toLowerCase(Locale.ROOT), new Var(p.type(), p.value()));
            }
            tryDepth = 0;
            caughtErrors.clear();
            nestLevel = 0;
            List<Statements.Stmt> stmts;
            try {
                List<Token> tokens = Lexer.tokenize(sql);
                stmts = new Statements(tokens).parseBatch();
                Map<String, SqlType> types = new HashMap<>();
                vars.forEach((k, v) -> types.put(k, v.type));
                Statements.compileAll(stmts, new Compiler(this, types));
            } catch (SqlError e) {
                lastError = e.number();
                out.add(ResultItem.Message.of(e));
                return new BatchResult(out, null, false);
            }
            cancelled = !Statements.runAll(stmts, this, out);
        } finally {
            vars.clear();
            lock.unlock();
        }
        return new BatchResult(out, database.equals(dbBefore) ? null : database, cancelled);
    }

    boolean cancelled() {
        return cancel != null && cancel.isCancelled();
    }

    // ---------------------------------------------------------------- variables

    SqlType varType(String name) {
        Var v = vars.get(name.toLowerCase(Locale.ROOT));
        return v == null ? null : v.type;
    }

    /** Declares a variable; a DECLARE met again (in a loop) keeps the value, as SQL Server does. */
    void declare(String name, SqlType type) {
        vars.putIfAbsent(name.toLowerCase(Locale.ROOT), new Var(type, null));
    }

    /** What a lower scope replaces and restores. */
    record Scope(Map<String, Var> vars, String database, int nestLevel) {}

    Scope enterScope(Map<String, Var> scopeVars, int nestIncrement) {
        Scope saved = new Scope(vars, database, nestLevel);
        vars = new HashMap<>(scopeVars);
        nestLevel += nestIncrement;
        return saved;
    }

    void leaveScope(Scope saved) {
        vars = saved.vars();
        database = saved.database();
        nestLevel = saved.nestLevel();
    }

    void assign(String name, Object value) {
        Var v = vars.get(name.toLowerCase(Locale.ROOT));
        if (v == null) throw Errors.mustDeclare(name);
        v.value = value == null ? null : TypeMapping.toWire(value, v.type);
    }

    Object varValue(String name) {
        Var v = vars.get(name.toLowerCase(Locale.ROOT));
        if (v == null) throw Errors.mustDeclare(name);
        return v.value;
    }

    // ---------------------------------------------------------------- transactions

    void beginTran() {
        if (tranCount == 0) txSnapshot = instance.state.copy();
        tranCount++;
    }

    void commitTran() {
        if (tranCount == 0) throw Errors.commitWithoutBegin();
        tranCount--;
        if (tranCount == 0) {
            txSnapshot = null;
            AppLocks.releaseAll(this, true);
        }
    }

    void rollbackTran() {
        if (tranCount == 0) throw Errors.rollbackWithoutBegin();
        tranCount = 0;
        if (txSnapshot != null) {
            instance.state.restoreFrom(txSnapshot);
            txSnapshot = null;
            fleet().changed();
        }
        AppLocks.releaseAll(this, true);
    }

    // ---------------------------------------------------------------- queries

    /** Runs a translated query and returns its rows with SQL Server column types. */
    ResultItem.Rows query(TranslatedQuery q) {
        List<Object> binds = new ArrayList<>();
        for (QueryParam p : q.params()) binds.add(bind(p));
        Builtins.CONTEXT.set(this);
        try {
            PreparedStatement ps = fleet().store().query(q.sql());
            for (int i = 0; i < binds.size(); i++) {
                Object b = binds.get(i);
                if (b instanceof LocalDateTime l) b = Timestamp.valueOf(l);
                ps.setObject(i + 1, b);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<ResultItem.Column> cols = new ArrayList<>(n);
                for (int c = 1; c <= n; c++) {
                    SqlType type = TypeMapping.fromMetadata(md, c);
                    if (q.nationalColumns().contains(c - 1) && type.kind() == SqlType.Kind.VARCHAR) {
                        type = SqlType.nvarchar(type.length() < 0 || type.length() > 4000 ? -1 : type.length());
                    }
                    cols.add(new ResultItem.Column(md.getColumnLabel(c), type, md.isNullable(c) != ResultSetMetaData.columnNoNulls));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> r = new ArrayList<>(n);
                    for (int c = 1; c <= n; c++) r.add(TypeMapping.toWire(rs.getObject(c), cols.get(c - 1).type()));
                    rows.add(r);
                }
                return new ResultItem.Rows(cols, rows);
            }
        } catch (SQLException e) {
            throw H2Errors.map(e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw Errors.conversion(e.getMessage() == null ? "Conversion failed." : e.getMessage());
        } finally {
            Builtins.CONTEXT.remove();
        }
    }

    Object scalar(TranslatedQuery q) {
        ResultItem.Rows r = query(q);
        return r.rows().isEmpty() ? null : r.rows().get(0).get(0);
    }

    private Object bind(QueryParam p) {
        return switch (p.kind()) {
            case VARIABLE -> varValue(p.name());
            case SYSVAR -> sysvar(p.name());
            case CLOCK -> now();
            case NILADIC -> niladic(p.name());
            case VIEW -> viewScope(p);
        };
    }

    private int viewScope(QueryParam p) {
        CatalogSchema.View v = CatalogSchema.get().view(p.name()).orElseThrow();
        if (v.isDmv() && !hasServer("VWSS")) {
            throw Errors.permissionDenied("VIEW SERVER STATE", "server", "master");
        }
        Database db;
        if (p.database() != null) {
            db = instance.state.database(p.database()).orElseThrow(() -> Errors.invalidObject(p.database() + "." + p.name()));
        } else {
            db = currentDb();
        }
        if (!v.serverScoped() && !"ONLINE".equals(db.state)) throw Errors.databaseCannotOpen(db.name);
        fleet().mirroring();
        String viewer = viewerClass();
        String key = instance.name() + "|" + (v.serverScoped() ? "" : db.name) + "|" + viewer;
        Database dbf = db;
        try {
            return fleet().store().scope(v, key, fleet().version(), () -> CatalogRows.rows(this, v, dbf, viewer));
        } catch (SQLException e) {
            throw H2Errors.map(e);
        }
    }

    /** SA sees everything, VAD all metadata (but not mirror-side mirroring values), L<id> only its own securables. */
    String viewerClass() {
        if (isSysadmin()) return "SA";
        if (hasServer("VWAD")) return "VAD";
        return "L" + loginId;
    }

    Object sysvar(String name) {
        return switch (name) {
            case "@@SERVERNAME", "@@SERVICENAME" -> name.equals("@@SERVERNAME") ? instance.name() : "MSSQLSERVER";
            case "@@VERSION" -> SimulatedInstance.VERSION_TEXT;
            case "@@SPID" -> (short) spid;
            case "@@TRANCOUNT" -> tranCount;
            case "@@ROWCOUNT" -> rowCount;
            case "@@ERROR" -> lastError;
            case "@@LANGUAGE" -> "us_english";
            case "@@TEXTSIZE" -> textSize;
            case "@@LOCK_TIMEOUT" -> -1;
            case "@@DATEFIRST" -> (short) 7;
            case "@@OPTIONS" -> 5496;
            case "@@MAX_PRECISION" -> (short) 38;
            case "@@NESTLEVEL" -> nestLevel;
            case "@@PROCID" -> 0;
            case "@@MICROSOFTVERSION" -> 0x10000000 | 4135;
            case "@@LANGID" -> (short) 0;
            case "@@FETCH_STATUS" -> -1;
            case "@@MAX_CONNECTIONS" -> 32767;
            default -> null;
        };
    }

    private Object niladic(String fn) {
        return switch (fn) {
            case "SUSER_SNAME", "SUSER_NAME", "ORIGINAL_LOGIN", "SYSTEM_USER" -> login().name;
            case "SUSER_ID" -> loginId;
            case "SUSER_SID" -> login().sid;
            case "USER_NAME", "SESSION_USER", "CURRENT_USER", "USER" -> currentUser().map(u -> u.name).orElse(null);
            case "USER_ID" -> currentUser().map(u -> u.id).orElse(null);
            case "DB_NAME" -> database;
            case "DB_ID" -> (short) currentDb().id;
            case "SCHEMA_NAME" -> currentUser().map(u -> u.defaultSchema == null ? "dbo" : u.defaultSchema).orElse("dbo");
            case "SCHEMA_ID" -> 1;
            case "HOST_NAME" -> "mirrorguard-client";
            case "APP_NAME" -> "";
            case "NEWID" -> UUID.randomUUID();
            case "ERROR_NUMBER" -> caught(e -> e.number());
            case "ERROR_SEVERITY" -> caught(e -> e.severity());
            case "ERROR_STATE" -> caught(e -> e.state());
            case "ERROR_LINE" -> caught(e -> e.line());
            case "ERROR_MESSAGE" -> caught(e -> e.getMessage());
            case "ERROR_PROCEDURE" -> null;
            case "XACT_STATE" -> (short) (tranCount > 0 ? 1 : 0);
            default -> null;
        };
    }

    /** A property of the error the innermost running CATCH block handles; NULL outside CATCH. */
    private Object caught(java.util.function.Function<SqlError, Object> f) {
        SqlError e = caughtErrors.peek();
        return e == null ? null : f.apply(e);
    }

    /** The database user this session runs as in the current database (dbo for sysadmin, else mapped user or guest). */
    java.util.Optional<DatabasePrincipal> currentUser() {
        Database d = currentDb();
        if (isSysadmin()) return d.principalById(1);
        var mapped = d.userForSid(login().sid);
        if (mapped.isPresent()) return mapped;
        return d.principal("guest").filter(g -> g.hasConnect);
    }

    // ---------------------------------------------------------------- built-in functions

    @Override
    public byte[] certEncoded(int certId) {
        return currentDb().certificateById(certId).map(c -> c.der.clone()).orElse(null);
    }

    @Override
    public Integer certId(String name) {
        Database d = currentDb();
        return d.certificate(name).filter(c -> CatalogRows.certificateVisible(this, d, c)).map(c -> c.id).orElse(null);
    }

    @Override
    public String suserSname(byte[] sid) {
        return instance.state.loginForSid(sid).map(p -> p.name).orElse(null);
    }

    @Override
    public byte[] suserSid(String login) {
        return instance.state.principal(login).map(p -> p.sid).orElse(null);
    }

    @Override
    public Integer suserId(String login) {
        return instance.state.principal(login).map(p -> p.id).orElse(null);
    }

    @Override
    public String suserName(int id) {
        return instance.state.principalById(id).map(p -> p.name).orElse(null);
    }

    @Override
    public String userName(int id) {
        return currentDb().principalById(id).map(p -> p.name).orElse(null);
    }

    @Override
    public Integer userId(String name) {
        return currentDb().principal(name).map(p -> p.id).orElse(null);
    }

    @Override
    public String dbName(int id) {
        return instance.state.databaseById(id).map(d -> d.name).orElse(null);
    }

    @Override
    public Integer dbId(String name) {
        return instance.state.database(name).map(d -> d.id).orElse(null);
    }

    @Override
    public Integer hasPermsByName(String securable, String cls, String permission) {
        String c = cls.toUpperCase(Locale.ROOT);
        String perm = permission.toUpperCase(Locale.ROOT).trim();
        switch (c) {
            case "SERVER" -> {
                String code = Permissions.SERVER_PERMISSIONS.get(perm);
                if (code == null) return null;
                return hasServer(code) ? 1 : 0;
            }
            case "ENDPOINT" -> {
                var ep = instance.state.endpoint(securable == null ? "" : securable);
                String code = Permissions.ENDPOINT_PERMISSIONS.get(perm);
                if (ep.isEmpty() || code == null) return null;
                return Permissions.hasEndpoint(instance.state, loginId, ep.get(), code) ? 1 : 0;
            }
            case "DATABASE" -> {
                var db = instance.state.database(securable == null ? database : securable);
                if (db.isEmpty()) return null;
                if (isSysadmin()) return 1;
                boolean user = db.get().userForSid(login().sid).isPresent() || db.get().principal("guest").map(g -> g.hasConnect).orElse(false);
                return perm.equals("CONNECT") && user ? 1 : perm.startsWith("VIEW") && hasServer("VWAD") ? 1 : 0;
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    public Integer isSrvRoleMember(String role, String login) {
        var r = instance.state.principal(role).filter(ServerPrincipal::isRole);
        if (r.isEmpty()) return null;
        ServerPrincipal who = login == null ? login() : instance.state.principal(login).orElse(null);
        if (who == null) return null;
        if (r.get().id == Permissions.PUBLIC) return 1;
        if (r.get().id == Permissions.SYSADMIN && who.id == Permissions.SA) return 1;
        return instance.state.isMember(r.get().id, who.id) ? 1 : 0;
    }

    @Override
    public Integer isMember(String role) {
        if (role.equalsIgnoreCase("db_owner")) return isSysadmin() ? 1 : 0;
        if (role.equalsIgnoreCase("public")) return 1;
        return currentDb().principal(role).isPresent() ? 0 : null;
    }

    @Override
    public Integer colLength(String table, String column) {
        var v = catalogView(table);
        if (v.isEmpty()) return null;
        int i = v.get().indexOf(column);
        if (i < 0) return null;
        return ObjectNames.byteLength(v.get().columns().get(i).documentedType());
    }

    @Override
    public Integer objectId(String name, String type) {
        var v = catalogView(name);
        if (v.isEmpty()) return null;
        // catalog views and DMVs are views (type V) in the sys schema
        if (type != null && !type.trim().equalsIgnoreCase("V")) return null;
        return ObjectNames.systemObjectId(v.get());
    }

    /** A catalog view named as sys.x, [sys].[x], master.sys.x or master..x; views of other databases too. */
    private java.util.Optional<CatalogSchema.View> catalogView(String name) {
        List<String> parts = ObjectNames.split(name);
        if (parts == null || parts.size() < 2 || parts.size() > 3) return java.util.Optional.empty();
        if (parts.size() == 3 && instance.state.database(parts.get(0)).isEmpty()) return java.util.Optional.empty();
        String schema = parts.get(parts.size() - 2);
        if (!schema.equalsIgnoreCase("sys")) return java.util.Optional.empty();
        return CatalogSchema.get().view("sys." + parts.get(parts.size() - 1));
    }

    @Override
    public String schemaName(int id) {
        return switch (id) {
            case 1 -> "dbo";
            case 2 -> "guest";
            case 3 -> "INFORMATION_SCHEMA";
            case 4 -> "sys";
            default -> null;
        };
    }

    @Override
    public Integer schemaId(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "dbo" -> 1;
            case "guest" -> 2;
            case "information_schema" -> 3;
            case "sys" -> 4;
            default -> null;
        };
    }

    @Override
    public String serverProperty(String property) {
        return switch (property.toLowerCase(Locale.ROOT)) {
            case "productversion" -> "16.0.4135.4";
            case "productmajorversion" -> "16";
            case "productminorversion" -> "0";
            case "productlevel" -> "RTM";
            case "productupdatelevel" -> "CU15";
            case "edition" -> "Developer Edition (64-bit)";
            case "engineedition" -> "3";
            case "editionid" -> "-2117995310";
            case "machinename", "servername", "computernamephysicalnetbios" -> instance.name();
            case "instancename" -> null;
            case "ishadrenabled" -> "1";
            case "isclustered", "isintegratedsecurityonly", "issingleuser" -> "0";
            case "collation" -> "SQL_Latin1_General_CP1_CI_AS";
            case "processid" -> "1";
            default -> null;
        };
    }

    static boolean sameBytes(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    Certificate masterCertificate(int id) {
        return instance.state.master().certificateById(id).orElse(null);
    }

    @Override
    public void close() {
        var lock = fleet().store().lock();
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            if (tranCount > 0) rollbackTran();
            AppLocks.releaseAll(this, false);
            instance.closed(this);
        } finally {
            lock.unlock();
        }
    }
}
