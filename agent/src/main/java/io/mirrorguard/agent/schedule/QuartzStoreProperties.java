package io.mirrorguard.agent.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Where Quartz keeps its jobs and triggers: in memory for one agent (the default), or in the cluster's PostgreSQL
 * database, clustered, so that each firing runs on exactly one agent and a dead agent's jobs move to the others
 * after {@code checkinInterval} plus the time Quartz needs to notice. {@link AuditScheduler} adds these properties
 * to its own; nothing else about the scheduler changes.
 */
public final class QuartzStoreProperties {

    private QuartzStoreProperties() {}

    /** One process: RAMJobStore under a name of its own, as before clustering existed. */
    public static Properties inMemory() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "mirrorguard-" + UUID.randomUUID());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }

    /**
     * JobStoreTX on the cluster's database (tables from the Flyway migration V1), clustered.
     *
     * @param clusterName the scheduler name every agent of the cluster shares (a cluster is the rows under it)
     * @param agentId     this agent's Quartz instance id: unique among live agents
     * @param dataSource  the shared pool; registered with Quartz under a name of this agent's own
     */
    public static Properties clustered(String clusterName, String agentId, DataSource dataSource,
                                       Duration checkinInterval) {
        String dsName = "mirrorguard-" + agentId;
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new PoolProvider(dataSource));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", clusterName);
        p.setProperty("org.quartz.scheduler.instanceId", agentId);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinInterval.toMillis()));
        // job data is the instance name only: strings, not serialised Java objects, in the shared tables
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    static boolean isClustered(Properties store) {
        return Boolean.parseBoolean(store.getProperty("org.quartz.jobStore.isClustered"));
    }

    /** Quartz borrows from the store's pool; the pool is closed by its owner, not by Quartz's shutdown. */
    private record PoolProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // owned by SharedDatabase
        }

        @Override
        public void initialize() {
            // the pool is already open
        }
    }
}
