package io.mirrorguard.agent.remediation;

import io.mirrorguard.agent.collector.JdbcConnector;
import io.mirrorguard.agent.config.InstanceConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remediation sessions over mssql-jdbc: the instance's {@code remediationAuth} login (never the audit login), in
 * master, with exactly the collector's connection and TLS settings. The instance-wide lock is an application lock
 * owned by the session, so it is released by sp_releaseapplock on close and by the server if the agent dies.
 */
public final class JdbcTargetSessions implements TargetSessions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTargetSessions.class);

    /** The application lock every mirrorguard agent takes before changing an instance. */
    public static final String LOCK_RESOURCE = "mirrorguard-remediation";

    /** Session-owned, no wait: a second agent gets a negative return code at once and backs off. */
    static final String GET_LOCK = "DECLARE @rc int; EXEC @rc = sp_getapplock @Resource = N'" + LOCK_RESOURCE
            + "', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @rc AS rc;";
    static final String RELEASE_LOCK = "EXEC sp_releaseapplock @Resource = N'" + LOCK_RESOURCE
            + "', @LockOwner = 'Session';";

    private final List<InstanceConfig> instances;

    public JdbcTargetSessions(List<InstanceConfig> instances) {
        this.instances = List.copyOf(instances);
    }

    @Override
    public TargetSession open(String instance) throws SQLException {
        int index = indexOf(instance);
        if (index < 0) {
            throw new SQLException("instance " + instance + " is not configured (instances[].name)");
        }
        InstanceConfig config = instances.get(index);
        if (config.remediationAuth() == null) {
            throw new SQLException("instances[" + index + "].remediationAuth is not configured for " + config.name()
                    + ": remediation never uses the audit login");
        }
        Connection c = JdbcConnector.dataSource(config, config.remediationAuth()).getConnection();
        return new JdbcSession(c, config.queryTimeoutSeconds());
    }

    private int indexOf(String instance) {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).name().equalsIgnoreCase(instance)) {
                return i;
            }
        }
        return -1;
    }

    /** The return code of sp_getapplock: 0 or 1 granted, negative refused (timeout, deadlock, error). */
    static boolean granted(int returnCode) {
        return returnCode >= 0;
    }

    private static final class JdbcSession implements TargetSession {
        private final Connection connection;
        private final int timeoutSeconds;
        private boolean locked;

        JdbcSession(Connection connection, int timeoutSeconds) {
            this.connection = connection;
            this.timeoutSeconds = timeoutSeconds;
        }

        @Override
        public boolean tryLock() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.setQueryTimeout(timeoutSeconds);
                boolean isResult = s.execute(GET_LOCK);
                while (!isResult && s.getUpdateCount() != -1) {
                    isResult = s.getMoreResults();
                }
                if (!isResult) {
                    throw new SQLException("sp_getapplock returned no result");
                }
                try (ResultSet rs = s.getResultSet()) {
                    locked = rs.next() && granted(rs.getInt(1));
                }
                return locked;
            }
        }

        @Override
        public void execute(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.setQueryTimeout(timeoutSeconds);
                s.execute(sql);
                // drain every result and raise errors that follow the first one
                while (s.getMoreResults() || s.getUpdateCount() != -1) {
                    // nothing to read: remediation statements return no rows
                }
            }
        }

        @Override
        public void close() {
            try {
                if (locked && !connection.isClosed()) {
                    try (Statement s = connection.createStatement()) {
                        s.setQueryTimeout(timeoutSeconds);
                        s.execute(RELEASE_LOCK);
                    }
                }
            } catch (SQLException e) {
                // closing the session below releases a session-owned lock anyway
                LOG.warn("sp_releaseapplock failed: {}", e.getMessage());
            } finally {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.warn("closing a remediation session failed: {}", e.getMessage());
                }
            }
        }
    }
}
