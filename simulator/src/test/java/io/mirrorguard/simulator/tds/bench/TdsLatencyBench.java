package io.mirrorguard.simulator.tds.bench;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlBackend;
import io.mirrorguard.simulator.api.SqlParam;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.api.SqlType;
import io.mirrorguard.simulator.tds.TdsServer;
import io.mirrorguard.simulator.tds.TlsMaterial;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: median and p99 latency of a small batch (and a prepared statement) through mssql-jdbc on loopback,
 * against a backend that answers instantly, so the numbers are the wire layer's and the driver's cost.
 * Run: {@code java -cp <test classpath> io.mirrorguard.simulator.tds.bench.TdsLatencyBench [iterations]}.
 */
public final class TdsLatencyBench {

    private static final class InstantBackend implements SqlBackend {
        private static final ResultItem.Rows ROW = new ResultItem.Rows(
                List.of(new ResultItem.Column("name", SqlType.SYSNAME, false),
                        new ResultItem.Column("state", SqlType.TINYINT, false)),
                List.of(List.of("Mirroring", (short) 0)));

        @Override
        public String serverName() {
            return "BENCH";
        }

        @Override
        public int[] productVersion() {
            return new int[] {16, 0, 4135};
        }

        @Override
        public SqlSession login(String loginName, String password) {
            return new SqlSession() {
                @Override
                public String database() {
                    return "master";
                }

                @Override
                public String loginName() {
                    return loginName;
                }

                @Override
                public BatchResult execute(String sql, List<SqlParam> params, CancelToken cancel) {
                    return new BatchResult(List.of(ROW), null, false);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Fault fault() {
            return Fault.NONE;
        }
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        TlsMaterial tls = TlsMaterial.selfSigned();
        Path dir = Files.createTempDirectory("tds-bench");
        Path trust = dir.resolve("trust.p12");
        tls.writeTrustStore(trust, "changeit".toCharArray());
        try (TdsServer server = TdsServer.start(new InstantBackend(), new InetSocketAddress("127.0.0.1", 0), tls)) {
            String base = "jdbc:sqlserver://127.0.0.1:" + server.port() + ";user=sa;password=x;";
            String tlsProps = "trustStore=" + trust + ";trustStorePassword=changeit;hostNameInCertificate=localhost;";
            for (String mode : new String[] {"false", "true", "strict"}) {
                String url = base + "encrypt=" + mode + ";" + (mode.equals("false") ? "" : tlsProps);
                try (Connection c = DriverManager.getConnection(url)) {
                    report("batch   encrypt=" + mode, measure(iterations, () -> {
                        try (Statement s = c.createStatement();
                             ResultSet rs = s.executeQuery("SELECT name, state FROM sys.database_mirroring_endpoints")) {
                            rs.next();
                        }
                    }));
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT name, state FROM sys.database_mirroring_endpoints WHERE state = ?")) {
                        report("prepared encrypt=" + mode, measure(iterations, () -> {
                            ps.setInt(1, 0);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                            }
                        }));
                    }
                }
                long[] connect = measure(Math.max(20, iterations / 50), () -> DriverManager.getConnection(url).close());
                report("connect encrypt=" + mode, connect);
            }
        }
    }

    private interface Op {
        void run() throws Exception;
    }

    private static long[] measure(int n, Op op) throws Exception {
        for (int i = 0; i < Math.min(n, 500); i++) {
            op.run();
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            op.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%-26s n=%-5d median=%7.1f us  p99=%8.1f us%n", what, sorted.length,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0);
    }
}
