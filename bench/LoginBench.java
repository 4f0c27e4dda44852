import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import io.mirrorguard.agent.collector.JdbcConnector;
import io.mirrorguard.agent.collector.TrustStoreCache;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.config.TlsConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;

/**
 * One TLS login (connect + close) to the first instance of an inventory, A/B: the agent's data source (trust store
 * from TrustStoreCache through CachedTrustManager) against mssql-jdbc's own trustStore properties (the store read at
 * every login), alternating, on the calling thread (the driver does the TLS handshake there).
 * <pre>java -cp agent/target/mirrorguard.jar bench/LoginBench.java INVENTORY.yml [LOGINS]</pre>
 */
public final class LoginBench {
    public static void main(String[] args) throws Exception {
        AgentConfig config = ConfigLoader.load(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        InstanceConfig instance = config.instances().get(0);
        SQLServerDataSource cached = JdbcConnector.dataSource(instance, instance.auth());
        // the same settings as JdbcConnector, but the trust store handed to the driver as before TrustStoreCache
        TlsConfig tls = instance.tls();
        SQLServerDataSource perLogin = new SQLServerDataSource();
        perLogin.setServerName(instance.host());
        perLogin.setPortNumber(instance.port());
        perLogin.setDatabaseName("master");
        perLogin.setApplicationName("mirrorguard");
        perLogin.setLoginTimeout(instance.loginTimeoutSeconds());
        perLogin.setEncrypt(tls.encrypt().driverValue());
        perLogin.setHostNameInCertificate(tls.hostNameInCertificate());
        perLogin.setUser(instance.auth().user());
        perLogin.setPassword(instance.auth().password().reveal());
        perLogin.setTrustStore(tls.trustStore().toString());
        perLogin.setTrustStorePassword(tls.trustStorePassword().reveal());
        if (tls.trustStoreType() != null) {
            perLogin.setTrustStoreType(tls.trustStoreType());
        }
        var threads = ManagementFactory.getThreadMXBean();
        long[][] cpu = new long[2][n];
        long[][] wall = new long[2][n];
        for (int i = -50; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                try (Connection c = (k == 0 ? cached : perLogin).getConnection()) {
                    c.isValid(5);
                }
                if (i >= 0) {
                    cpu[k][i] = threads.getCurrentThreadCpuTime() - c0;
                    wall[k][i] = System.nanoTime() - t0;
                }
            }
        }
        String[] names = {"cached trust store (TrustStoreCache)", "driver trustStore (read per login)"};
        for (int k = 0; k < 2; k++) {
            Arrays.sort(cpu[k]);
            Arrays.sort(wall[k]);
            System.out.printf("login %-38s thread CPU median %.2f ms (p10 %.2f, p90 %.2f); wall median %.2f ms; n=%d%n",
                    names[k], cpu[k][n / 2] / 1e6, cpu[k][n / 10] / 1e6, cpu[k][n * 9 / 10] / 1e6, wall[k][n / 2] / 1e6, n);
        }
        var shared = TrustStoreCache.class.getDeclaredField("SHARED");
        shared.setAccessible(true);
        System.out.printf("trust store reads by the cache: %d (for %d cached logins)%n",
                ((TrustStoreCache) shared.get(null)).loads(), n + 50);
    }
}
