package io.mirrorguard.agent.collector;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import io.mirrorguard.agent.config.AuthConfig;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.config.TlsConfig;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * mssql-jdbc connections built from the instance configuration: TLS settings as configured (certificate validation
 * on unless trustServerCertificate), login timeout, database master. Credentials go to the data source's setters,
 * never into a URL or a log line. A configured trust store is handed to the driver as a {@link CachedTrustManager}.
 */
public final class JdbcConnector implements Connector {

    /** Seconds the driver waits for the server to acknowledge a cancel before dropping the connection. */
    static final int CANCEL_GRACE_SECONDS = 10;

    /**
     * TDS packet size asked at login. mssql-jdbc's default (8000) keeps ~111 KB of heap per open connection, and the
     * agent keeps one per instance; the driver's buffers scale with the packet size: 53 KB at 4096 (SQL Server's own
     * default), 26 KB at 2048, for +0.06 ms of driver CPU per catalog batch at 2048 (bench/ConnectionMemoryBench.java,
     * docs/performance.md "Footprint"). The number of round trips does not change, only packets per message.
     */
    public static final int PACKET_SIZE = 2048;

    @Override
    public Connection connect(InstanceConfig instance) throws SQLException {
        return dataSource(instance, instance.auth()).getConnection();
    }

    /** A data source for {@code auth} (the audit credentials, or remediationAuth for remediation). */
    public static SQLServerDataSource dataSource(InstanceConfig instance, AuthConfig auth) {
        SQLServerDataSource ds = new SQLServerDataSource();
        ds.setServerName(instance.host());
        if (instance.port() != null) {
            ds.setPortNumber(instance.port());
        } else {
            ds.setInstanceName(instance.instanceName());
        }
        ds.setDatabaseName("master");
        ds.setApplicationName("mirrorguard");
        ds.setLoginTimeout(instance.loginTimeoutSeconds());
        ds.setCancelQueryTimeout(CANCEL_GRACE_SECONDS);
        ds.setPacketSize(PACKET_SIZE);
        TlsConfig tls = instance.tls();
        ds.setEncrypt(tls.encrypt().driverValue());
        ds.setTrustServerCertificate(tls.trustServerCertificate());
        if (tls.hostNameInCertificate() != null) {
            ds.setHostNameInCertificate(tls.hostNameInCertificate());
        }
        if (tls.trustStore() != null && !tls.trustServerCertificate()) {
            // the store is read once and shared (TrustStoreCache), not re-read by the driver at every login
            String id = TrustStoreCache.SHARED.register(tls.trustStore(), tls.trustStorePassword(),
                    tls.trustStoreType());
            ds.setTrustManagerClass(CachedTrustManager.class.getName());
            ds.setTrustManagerConstructorArg(CachedTrustManager.constructorArg(id,
                    tls.hostNameInCertificate() != null ? tls.hostNameInCertificate() : instance.host()));
        }
        switch (auth.type()) {
            case SQL -> {
                ds.setUser(auth.user());
                ds.setPassword(auth.password().reveal());
            }
            case INTEGRATED -> ds.setIntegratedSecurity(true);
            case KERBEROS -> {
                ds.setIntegratedSecurity(true);
                ds.setAuthenticationScheme("JavaKerberos");
                if (auth.user() != null) {
                    ds.setUser(auth.user());
                }
                if (auth.password() != null) {
                    ds.setPassword(auth.password().reveal());
                }
            }
        }
        return ds;
    }
}
