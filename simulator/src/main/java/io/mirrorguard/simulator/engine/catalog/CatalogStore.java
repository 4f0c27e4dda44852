package io.mirrorguard.simulator.engine.catalog;

import io.mirrorguard.simulator.api.SqlType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One embedded H2 database shared by every instance of a fleet. Each catalog view is a table with an extra scope
 * column; a scope is one (instance, database, viewer) combination, materialised only when a query reads it and
 * refreshed when the fleet's state version moved. Queries see a view through a derived table filtered on its scope,
 * so 1,000 instances cost rows, not schemas.
 */
public final class CatalogStore implements AutoCloseable {

    private static final AtomicInteger DB_COUNTER = new AtomicInteger();

    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, int[]> scopes = new HashMap<>();
    private final Map<String, PreparedStatement> inserts = new HashMap<>();
    private final Map<String, PreparedStatement> deletes = new HashMap<>();
    private final Map<String, PreparedStatement> queries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> e) {
            if (size() > 2000) {
                try { e.getValue().close(); } catch (SQLException ignored) { /* closing a cached statement */ }
                return true;
            }
            return false;
        }
    };
    private final Map<String, Long> scopeVersions = new HashMap<>();
    private int nextScope = 1;

    public CatalogStore() {
        try {
            conn = DriverManager.getConnection("jdbc:h2:mem:mirrorguard_catalog_" + DB_COUNTER.incrementAndGet()
                + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=0", "sa", "");
            try (Statement s = conn.createStatement()) {
                s.execute("CREATE SCHEMA CAT");
                for (CatalogSchema.View v : CatalogSchema.get().views().values()) {
                    StringBuilder ddl = new StringBuilder("CREATE TABLE CAT.").append(v.tableName()).append(" (S_ INT NOT NULL");
                    for (CatalogSchema.Column c : v.columns()) {
                        ddl.append(", \"").append(c.name()).append("\" ").append(TypeMapping.h2Type(c.type()));
                    }
                    s.execute(ddl.append(")").toString());
                    s.execute("CREATE INDEX CAT.IX_" + v.tableName() + " ON CAT." + v.tableName() + "(S_)");
                }
                Builtins.register(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the embedded catalog engine", e);
        }
    }

    public ReentrantLock lock() {
        return lock;
    }

    public Connection connection() {
        return conn;
    }

    /** The derived-table SQL that stands for a view; its single parameter is the scope id. */
    public static String derivedTable(CatalogSchema.View v) {
        StringBuilder sb = new StringBuilder("(SELECT ");
        for (int i = 0; i < v.columns().size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('"').append(v.columns().get(i).name()).append('"');
        }
        return sb.append(" FROM CAT.").append(v.tableName()).append(" WHERE S_ = ?)").toString();
    }

    /**
     * Returns the scope id for {@code key}, (re)materialising its rows when the stored version differs. Callers
     * hold {@link #lock()}.
     */
    public int scope(CatalogSchema.View view, String key, long version, Supplier<List<Object[]>> rows) throws SQLException {
        String full = view.name() + "|" + key;
        int[] id = scopes.get(full);
        Long have = scopeVersions.get(full);
        if (id != null && have != null && have == version) return id[0];
        if (id == null) {
            id = new int[] {nextScope++};
            scopes.put(full, id);
        }
        PreparedStatement del = deletes.computeIfAbsent(view.tableName(), t -> prepare("DELETE FROM CAT." + t + " WHERE S_ = ?"));
        del.setInt(1, id[0]);
        del.executeUpdate();
        List<Object[]> data = rows.get();
        if (!data.isEmpty()) {
            PreparedStatement ins = inserts.computeIfAbsent(view.tableName(), t -> {
                StringBuilder sb = new StringBuilder("INSERT INTO CAT.").append(t).append(" VALUES (?");
                for (int i = 0; i < view.columns().size(); i++) sb.append(", ?");
                return prepare(sb.append(")").toString());
            });
            for (Object[] r : data) {
                ins.setInt(1, id[0]);
                for (int i = 0; i < r.length; i++) {
                    Object v = r[i];
                    if (v instanceof LocalDateTime l) v = Timestamp.valueOf(l);
                    ins.setObject(i + 2, v);
                }
                ins.addBatch();
            }
            ins.executeBatch();
        }
        scopeVersions.put(full, version);
        return id[0];
    }

    /** Drops every scope whose key starts with {@code prefix} (an instance that went away). */
    public void forget(String keyPrefix) {
        scopeVersions.keySet().removeIf(k -> k.contains("|" + keyPrefix));
    }

    public PreparedStatement query(String sql) throws SQLException {
        PreparedStatement ps = queries.get(sql);
        if (ps == null) {
            ps = conn.prepareStatement(sql);
            queries.put(sql, ps);
        }
        return ps;
    }

    private PreparedStatement prepare(String sql) {
        try {
            return conn.prepareStatement(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static SqlType typeOf(CatalogSchema.View v, String col) {
        int i = v.indexOf(col);
        return i < 0 ? null : v.columns().get(i).type();
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // in-memory database: nothing to lose
        }
    }
}
