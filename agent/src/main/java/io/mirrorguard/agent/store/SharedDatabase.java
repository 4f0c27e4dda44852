package io.mirrorguard.agent.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mirrorguard.agent.config.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The PostgreSQL database a cluster of agents shares ({@code storage.url}): one connection pool per agent for the
 * audit store, the per-instance audit locks and Quartz's clustered job store, and the schema brought up to date by
 * Flyway (Quartz's tables and the audit store's, db/postgresql) before anything uses it. Several agents starting at
 * once are safe: Flyway serialises migrations with a PostgreSQL lock.
 */
public final class SharedDatabase implements AutoCloseable {

    /** Migrations on the classpath; V1 is Quartz's own tables_postgres.sql. */
    static final String MIGRATIONS = "classpath:db/postgresql";

    private final String url;
    private final HikariDataSource pool;

    private SharedDatabase(String url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /**
     * Connects and migrates; a database that cannot be reached fails here, with a message naming storage.url (the
     * URL carries no credentials: the configuration refuses them there).
     *
     * @param poolSize connections this agent may hold: Quartz workers and its cluster manager, the audit locks of
     *                 running audits, and the store
     */
    public static SharedDatabase connect(String url, Secret user, Secret password, int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("mirrorguard-store");
        c.setJdbcUrl(url);
        if (user != null) {
            c.setUsername(user.reveal());
        }
        if (password != null) {
            c.setPassword(password.reveal());
        }
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(5_000);
        c.setValidationTimeout(2_000);
        // fail at start when the database is not there, instead of on the first audit
        c.setInitializationFailTimeout(5_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new StoreException("storage.url " + url + ": cannot connect to PostgreSQL: " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("storage.url " + url + ": schema migration failed: " + rootMessage(e), e);
        }
        return new SharedDatabase(url, pool);
    }

    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A fresh check, for readiness: false while the database cannot be reached. */
    public boolean reachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Drops a connection whose session state (an advisory lock that could not be released) must not be reused. */
    void evict(Connection c) {
        pool.evictConnection(c);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        pool.close();
    }
}
