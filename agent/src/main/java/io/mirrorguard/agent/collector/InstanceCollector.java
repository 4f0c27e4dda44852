package io.mirrorguard.agent.collector;

import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.ServerIdentity;
import io.mirrorguard.rules.model.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits one instance: sends the constant catalog batch in one round trip and maps its sections to
 * {@link InstanceFacts}. The connection is opened on first use and kept while it works; any failure on it closes
 * it, and the next collect logs in again. {@link #collect()} never throws: failures become
 * {@link InstanceFacts#unreadable} with the reason. Thread-safe; collects of one instance run one at a time.
 */
public final class InstanceCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceCollector.class);

    private final InstanceConfig config;
    private final Target target;
    private final Connector connector;
    private final Clock clock;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();

    private final Object lock = new Object();
    private Connection connection;
    private volatile Statement running;
    private volatile boolean cancelRequested;
    private volatile boolean closed;

    public InstanceCollector(InstanceConfig config) {
        this(config, new JdbcConnector(), Clock.systemUTC());
    }

    public InstanceCollector(InstanceConfig config, Connector connector, Clock clock) {
        this.config = config;
        this.target = config.target();
        this.connector = connector;
        this.clock = clock;
    }

    public String name() {
        return config.name();
    }

    public Target target() {
        return target;
    }

    /** Statements sent to the server since this collector was created (one per successful collect). */
    public long statementsExecuted() {
        return statements.get();
    }

    /** Logins performed since this collector was created. */
    public long logins() {
        return logins.get();
    }

    public InstanceFacts collect() {
        synchronized (lock) {
            cancelRequested = false;
            Instant startedAt = clock.instant();
            long t0 = System.nanoTime();
            if (closed) {
                return failed(startedAt, t0, 0, CollectionFailure.ERROR, "collector closed");
            }
            Connection c;
            try {
                c = connection();
            } catch (SQLException e) {
                FailureClassifier.Classified f = FailureClassifier.connecting(e);
                LOG.info("{}: cannot connect: {} ({})", name(), f.failure(), f.reason());
                return failed(startedAt, t0, 0, f.failure(), f.reason());
            }
            int roundTrips = 0;
            BatchOutput output;
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(config.queryTimeoutSeconds());
                running = st;
                if (cancelRequested) {
                    discardConnection();
                    return failed(startedAt, t0, 0, CollectionFailure.ERROR, "collection cancelled");
                }
                roundTrips++;
                statements.incrementAndGet();
                boolean resultSet = st.execute(CatalogBatch.sql());
                output = BatchOutputReader.read(st, resultSet);
            } catch (RuntimeException e) {
                // A driver surprise (bad value conversion, protocol bug) must not escape collect().
                discardConnection();
                LOG.warn("{}: catalog batch failed unexpectedly", name(), e);
                return failed(startedAt, t0, roundTrips, CollectionFailure.ERROR, e.toString());
            } catch (SQLException e) {
                discardConnection();
                FailureClassifier.Classified f = FailureClassifier.executing(e, cancelRequested);
                LOG.info("{}: catalog batch failed: {} ({})", name(), f.failure(), f.reason());
                return failed(startedAt, t0, roundTrips, f.failure(), f.reason());
            } finally {
                running = null;
            }
            return map(output, startedAt, t0, roundTrips);
        }
    }

    private InstanceFacts map(BatchOutput output, Instant startedAt, long t0, int roundTrips) {
        Section<ServerIdentity> identity = FactsMapper.identity(output);
        if (!identity.isRead()) {
            CollectionFailure failure = identity.status() == io.mirrorguard.rules.model.SectionStatus.NOT_VISIBLE
                    ? CollectionFailure.PERMISSION_DENIED : CollectionFailure.ERROR;
            return failed(startedAt, t0, roundTrips, failure, "identity section: " + identity.describeGap());
        }
        String serverName = identity.value().serverName();
        if (serverName == null || !serverName.trim().equalsIgnoreCase(config.name())) {
            // Facts of another server must never be filed under this name.
            return failed(startedAt, t0, roundTrips, CollectionFailure.WRONG_SERVER,
                    "@@SERVERNAME is " + serverName + ", the configuration expects " + config.name());
        }
        Collection collection = new Collection(startedAt, elapsedMillis(t0), null, null, roundTrips);
        return FactsMapper.facts(target, collection, output, identity);
    }

    private InstanceFacts failed(Instant startedAt, long t0, int roundTrips, CollectionFailure failure, String reason) {
        String safe = redact(reason);
        return InstanceFacts.unreadable(target, new Collection(startedAt, elapsedMillis(t0), failure, safe, roundTrips));
    }

    /** Driver messages do not carry passwords; this makes sure of it for the audit password. */
    private String redact(String reason) {
        if (reason == null || config.auth() == null || config.auth().password() == null) {
            return reason;
        }
        String secret = config.auth().password().reveal();
        return secret.isEmpty() ? reason : reason.replace(secret, io.mirrorguard.agent.config.Secret.MASK);
    }

    private static long elapsedMillis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    private Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        connection = null;
        logins.incrementAndGet();
        connection = connector.connect(config);
        LOG.debug("{}: logged in to {}", name(), config.host());
        return connection;
    }

    private void discardConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{}: closing a failed connection: {}", name(), e.getMessage());
            }
        }
    }

    /** Cancels the running batch, if any (Statement.cancel sends an attention); safe from any thread. */
    public void cancel() {
        cancelRequested = true;
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("{}: cancel failed: {}", name(), e.getMessage());
            }
        }
    }

    /** Cancels a running collect and closes the connection; later collects report ERROR "collector closed". */
    @Override
    public void close() {
        closed = true;
        cancel();
        synchronized (lock) {
            discardConnection();
        }
    }
}
