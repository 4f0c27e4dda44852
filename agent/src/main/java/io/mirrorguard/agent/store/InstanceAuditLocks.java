package io.mirrorguard.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit of an instance at a time across every agent of a cluster: a PostgreSQL session advisory lock per
 * instance, held on a connection of its own for as long as the audit collects. Quartz already keeps one instance's
 * scheduled job on one agent per firing; this lock also covers on-demand audits and remediation's verifying audits,
 * which run outside Quartz on whichever agent was asked. A lock dies with its session, so an agent killed mid-audit
 * does not leave it held. The key includes the schema, so clusters in different schemas of one database never
 * wait for each other.
 */
public final class InstanceAuditLocks {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceAuditLocks.class);
    /** First key of pg_advisory_lock(int, int): ours, so other applications' locks on the database never clash. */
    private static final int NAMESPACE = 0x6d67_6175; // "mgau"

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final SharedDatabase database;

    public InstanceAuditLocks(SharedDatabase database) {
        this.database = database;
    }

    /**
     * Waits up to {@code wait} for the instance's lock.
     *
     * @return the held lock, or empty when another agent held it all that time
     * @throws StoreException when the database cannot be reached
     */
    public Optional<Held> acquire(String instance, Duration wait) {
        Connection c;
        try {
            c = database.dataSource().getConnection();
        } catch (SQLException e) {
            throw new StoreException("storage.url " + database.url() + ": no connection for the audit lock of "
                    + instance + ": " + e.getMessage(), e);
        }
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // a waiting advisory lock gives up after lock_timeout (SQLSTATE 55P03)
                s.execute("SET lock_timeout = " + Math.max(1, wait.toMillis()));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, hashtext(current_schema() || ':' || ?))")) {
                ps.setInt(1, NAMESPACE);
                ps.setString(2, instance);
                ps.execute();
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    c.close();
                    return Optional.empty();
                }
                throw e;
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = 0");
            }
            return Optional.of(() -> release(c, instance));
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StoreException("storage.url " + database.url() + ": audit lock of " + instance + ": "
                    + e.getMessage(), e);
        }
    }

    private void release(Connection c, String instance) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(current_schema() || ':' || ?))")) {
            ps.setInt(1, NAMESPACE);
            ps.setString(2, instance);
            ps.execute();
            c.close();
        } catch (SQLException e) {
            // never hand a session that may still hold the lock back to the pool
            LOG.warn("audit lock of {}: release failed ({}); dropping its connection", instance, e.getMessage());
            database.evict(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing; the first error is the one reported
        }
    }
}
