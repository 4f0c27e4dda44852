import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import io.mirrorguard.agent.collector.CatalogBatch;
import io.mirrorguard.agent.collector.JdbcConnector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.config.InstanceConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap kept per open audit connection, and the driver's CPU per catalog batch, for one TDS packet size: opens N
 * connections the way the agent does (JdbcConnector's data source, TLS as in the inventory), runs the catalog batch
 * once on each (so the driver's buffers are in use), measures the heap after a full GC against before, then three
 * more batches per connection for the CPU. One packet size per JVM, so one measurement cannot inherit another's heap.
 * <pre>java -XX:+UseSerialGC -cp agent/target/mirrorguard.jar bench/ConnectionMemoryBench.java INVENTORY N [PACKET_SIZE]</pre>
 * PACKET_SIZE: what the agent asks at login when omitted or 0 (JdbcConnector.PACKET_SIZE), else 512..32767.
 */
public final class ConnectionMemoryBench {
    public static void main(String[] args) throws Exception {
        AgentConfig config = ConfigLoader.load(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        int packet = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // one connection first, not counted: class loading, TLS context, the trust store cache
        Connection warm = connect(config.instances().get(n), packet);
        batch(warm);
        long before = heapAfterGc(memory);
        List<Connection> open = new ArrayList<>();
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (InstanceConfig instance : config.instances().subList(0, n)) {
            Connection c = connect(instance, packet);
            open.add(c);
            batch(c);
        }
        long cpu1 = threads.getCurrentThreadCpuTime();
        for (int round = 0; round < 3; round++) {
            for (Connection c : open) {
                batch(c);
            }
        }
        long cpu2 = threads.getCurrentThreadCpuTime();
        long after = heapAfterGc(memory);
        System.out.printf("packetSize %s, %d connections: %.1f KB heap per open connection; login + first batch %.2f ms"
                        + " thread CPU; warm batch %.3f ms thread CPU (load %s)%n",
                packet > 0 ? packet : JdbcConnector.PACKET_SIZE + " (the agent's)", n, (after - before) / 1024.0 / n,
                (cpu1 - cpu0) / 1e6 / n, (cpu2 - cpu1) / 1e6 / n / 3,
                new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).split(" ")[0]);
        for (Connection c : open) {
            c.close();
        }
        warm.close();
    }

    private static Connection connect(InstanceConfig instance, int packet) throws SQLException {
        SQLServerDataSource ds = JdbcConnector.dataSource(instance, instance.auth());
        if (packet > 0) {
            ds.setPacketSize(packet);
        }
        return ds.getConnection();
    }

    /** The catalog batch, every result read to the end, as the collector does. */
    private static void batch(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            boolean isResultSet = st.execute(CatalogBatch.sql());
            while (true) {
                if (isResultSet) {
                    try (ResultSet rs = st.getResultSet()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                rs.getObject(i);
                            }
                        }
                    }
                } else if (st.getUpdateCount() == -1) {
                    break;
                }
                isResultSet = st.getMoreResults();
            }
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
