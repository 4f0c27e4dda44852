package io.mirrorguard.simulator.engine.bench;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Engine benchmark (a main, not a test): how long Microsoft's three-instance certificate procedure takes, the latency
 * of an audit catalog batch in-process, memory per instance for a large fleet, and whether sessions on different
 * instances run in parallel. Usage: {@code EngineBench [procedure|latency|memory N|concurrency|all]}.
 */
public final class EngineBench {

    private EngineBench() {}

    /** Fifteen SELECTs as an audit reads them: sections in TRY/CATCH, one probed column read through EXEC. */
    static final String CATALOG_BATCH = String.join("\n",
        "SET NOCOUNT ON;",
        "BEGIN TRY",
        "  SELECT @@SERVERNAME AS server_name, SERVERPROPERTY('ProductVersion') AS v, SYSUTCDATETIME() AS utc_now,",
        "    HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS vss, IS_SRVROLEMEMBER('sysadmin') AS sa;",
        "END TRY BEGIN CATCH SELECT ERROR_NUMBER(), ERROR_MESSAGE(); END CATCH;",
        "BEGIN TRY",
        "  SELECT d.is_master_key_encrypted_by_server, k.name, k.key_length, k.algorithm_desc FROM sys.databases AS d",
        "  LEFT JOIN master.sys.symmetric_keys AS k ON k.symmetric_key_id = 101 WHERE d.name = N'master';",
        "END TRY BEGIN CATCH SELECT ERROR_NUMBER(), ERROR_MESSAGE(); END CATCH;",
        "BEGIN TRY",
        "  IF COL_LENGTH('sys.certificates', 'key_length') IS NOT NULL",
        "    EXEC (N'SELECT c.name, c.key_length FROM master.sys.certificates AS c ORDER BY c.certificate_id');",
        "  ELSE",
        "    SELECT c.name, c.certificate_id, c.principal_id, c.pvt_key_encryption_type, c.subject, c.start_date,",
        "      c.expiry_date, c.thumbprint, CERTENCODED(c.certificate_id) AS der FROM master.sys.certificates AS c",
        "      ORDER BY c.certificate_id;",
        "END TRY BEGIN CATCH SELECT ERROR_NUMBER(), ERROR_MESSAGE(); END CATCH;",
        "SELECT e.name, e.endpoint_id, e.state_desc, e.role_desc, e.connection_auth_desc, e.certificate_id,",
        "  e.encryption_algorithm_desc, t.port, t.ip_address FROM sys.database_mirroring_endpoints AS e",
        "  LEFT JOIN sys.tcp_endpoints AS t ON t.endpoint_id = e.endpoint_id;",
        "SELECT name, endpoint_id, protocol_desc, type_desc, state_desc FROM sys.endpoints ORDER BY endpoint_id;",
        "SELECT p.name, p.principal_id, p.sid, p.type, p.is_disabled FROM sys.server_principals AS p ORDER BY p.principal_id;",
        "SELECT p.name, p.principal_id, p.type, p.sid FROM master.sys.database_principals AS p ORDER BY p.principal_id;",
        "SELECT m.role_principal_id, m.member_principal_id FROM sys.server_role_members AS m;",
        "SELECT sp.class, sp.major_id, sp.grantee_principal_id, sp.permission_name, sp.state_desc",
        "  FROM sys.server_permissions AS sp WHERE sp.class IN (100, 105) ORDER BY sp.class, sp.major_id;",
        "SELECT dm.database_id, dm.mirroring_guid, dm.mirroring_state_desc, dm.mirroring_role_desc,",
        "  dm.mirroring_partner_name, dm.mirroring_witness_name, dm.mirroring_witness_state_desc",
        "  FROM sys.database_mirroring AS dm WHERE dm.mirroring_guid IS NOT NULL;",
        "SELECT w.database_name, w.principal_server_name, w.mirror_server_name FROM sys.database_mirroring_witnesses AS w;",
        "SELECT ar.replica_server_name, ar.endpoint_url FROM sys.availability_replicas AS ar;",
        "BEGIN TRY",
        "  SELECT mc.connection_id, mc.state_desc, mc.login_state_desc, mc.peer_certificate_id, mc.encryption_algorithm_desc",
        "    FROM sys.dm_db_mirroring_connections AS mc ORDER BY mc.connect_time;",
        "END TRY BEGIN CATCH SELECT ERROR_NUMBER(), ERROR_MESSAGE(); END CATCH;",
        "SELECT name, database_id, state_desc, recovery_model_desc FROM sys.databases ORDER BY database_id;",
        "SELECT COUNT(*) FROM master.sys.certificates WHERE expiry_date < DATEADD(day, 30, GETUTCDATE());");

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.printf(Locale.ROOT, "java %s, %d processors, max heap %d MB%n", System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        if (mode.equals("procedure") || mode.equals("all")) procedure();
        if (mode.equals("latency") || mode.equals("all")) latency();
        if (mode.equals("concurrency") || mode.equals("all")) concurrency();
        if ((mode.equals("memory") || mode.equals("all")) && n > 0) memory(n);
    }

    static SimulatedFleet fleet() throws Exception {
        Path dir = Files.createTempDirectory("mirrorguard-bench");
        dir.toFile().deleteOnExit();
        return new SimulatedFleet(Instant.parse("2025-01-15T10:00:00Z"), dir, "MirrorGuard!Sa1");
    }

    static void ok(SqlSession s, String sql) {
        BatchResult r = s.execute(sql, List.of(), null);
        for (ResultItem i : r.items()) {
            if (i instanceof ResultItem.Message m && m.error()) throw new IllegalStateException(m.number() + ": " + m.text() + " in " + sql);
        }
    }

    /** The documented procedure for HOST_A, HOST_B (partners) and HOST_W (witness) with a given name prefix. */
    public static void procedure(SimulatedFleet fleet, String prefix) {
        String a = prefix + "A";
        String b = prefix + "B";
        String w = prefix + "W";
        SqlSession sa = fleet.instance(a).adminSession();
        SqlSession sb = fleet.instance(b).adminSession();
        SqlSession sw = fleet.instance(w).adminSession();
        outbound(sa, a, "PARTNER");
        outbound(sb, b, "PARTNER");
        outbound(sw, w, "WITNESS");
        inbound(sa, b);
        inbound(sa, w);
        inbound(sb, a);
        inbound(sb, w);
        inbound(sw, a);
        inbound(sw, b);
        ok(sa, "CREATE DATABASE AdventureWorks; ALTER DATABASE AdventureWorks SET RECOVERY FULL;"
            + "BACKUP DATABASE AdventureWorks TO DISK = 'C:\\" + prefix + "aw.bak'; BACKUP LOG AdventureWorks TO DISK = 'C:\\" + prefix + "aw.trn';");
        ok(sb, "RESTORE DATABASE AdventureWorks FROM DISK = 'C:\\" + prefix + "aw.bak' WITH NORECOVERY;"
            + "RESTORE LOG AdventureWorks FROM DISK = 'C:\\" + prefix + "aw.trn' WITH NORECOVERY;");
        ok(sb, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://" + a + ".corp.example:7024';");
        ok(sa, "ALTER DATABASE AdventureWorks SET PARTNER = 'TCP://" + b + ".corp.example:7024';");
        ok(sa, "ALTER DATABASE AdventureWorks SET WITNESS = 'TCP://" + w + ".corp.example:7024';");
        sa.close();
        sb.close();
        sw.close();
    }

    static void outbound(SqlSession s, String host, String role) {
        ok(s, "USE master; CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Str0ng!Passw0rd';"
            + "CREATE CERTIFICATE " + host + "_cert WITH SUBJECT = '" + host + " certificate', EXPIRY_DATE = '11/30/2030';"
            + "SELECT name, role_desc, state_desc FROM sys.database_mirroring_endpoints;"
            + "CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 7024, LISTENER_IP = ALL)"
            + " FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE " + host + "_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = " + role + ");"
            + "BACKUP CERTIFICATE " + host + "_cert TO FILE = 'C:\\" + host + "_cert.cer';");
    }

    static void inbound(SqlSession s, String peer) {
        ok(s, "USE master; CREATE LOGIN " + peer + "_login WITH PASSWORD = 'Peer!Passw0rd1';"
            + "CREATE USER " + peer + "_user FOR LOGIN " + peer + "_login;"
            + "CREATE CERTIFICATE " + peer + "_cert AUTHORIZATION " + peer + "_user FROM FILE = 'C:\\" + peer + "_cert.cer';"
            + "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [" + peer + "_login];");
    }

    static void procedure() throws Exception {
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int run = 0; run < 8; run++) {
            try (SimulatedFleet f = fleet()) {
                long t0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                procedure(f, "HOST_");
                ms.add((System.nanoTime() - t0) / 1e6);
                cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "procedure (3 instances, ready to mirror): first (cold JVM) %.0f ms wall / %.0f ms CPU;"
                + " median of next %d %.0f ms wall / %.0f ms CPU; max %.0f ms wall%n",
            ms.get(0), cpu.get(0), ms.size() - 1, median(ms.subList(1, ms.size())), median(cpu.subList(1, cpu.size())),
            ms.stream().mapToDouble(d -> d).max().orElse(0));
    }

    static void latency() throws Exception {
        try (SimulatedFleet f = fleet()) {
            procedure(f, "HOST_");
            SqlSession audit = f.instance("HOST_A").login(SimulatedInstance.AUDIT_LOGIN, SimulatedInstance.AUDIT_PASSWORD);
            int sets = countSets(audit.execute(CATALOG_BATCH, List.of(), null));
            for (int i = 0; i < 2000; i++) audit.execute(CATALOG_BATCH, List.of(), null);
            double[][] steady = time(audit, 3000, null);
            System.out.printf(Locale.ROOT, "catalog batch (%d result sets), unchanged catalog: wall median %.3f ms, p99 %.3f ms;"
                + " thread CPU median %.3f ms, p99 %.3f ms%n",
                sets, pct(steady[0], 50), pct(steady[0], 99), pct(steady[1], 50), pct(steady[1], 99));
            double[][] changed = time(audit, 500, f);
            System.out.printf(Locale.ROOT, "catalog batch after a fleet change (catalog rebuilt): wall median %.3f ms, p99 %.3f ms;"
                + " thread CPU median %.3f ms, p99 %.3f ms%n",
                pct(changed[0], 50), pct(changed[0], 99), pct(changed[1], 50), pct(changed[1], 99));
        }
    }

    static int countSets(BatchResult r) {
        int n = 0;
        for (ResultItem i : r.items()) {
            if (i instanceof ResultItem.Rows) n++;
            if (i instanceof ResultItem.Message m && m.error()) throw new IllegalStateException(m.text());
        }
        return n;
    }

    /** Wall and thread-CPU milliseconds per batch, each sorted. */
    private static double[][] time(SqlSession s, int runs, SimulatedFleet changeEachTime) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        Instant clock = Instant.parse("2025-01-15T10:00:00Z");
        for (int i = 0; i < runs; i++) {
            if (changeEachTime != null) changeEachTime.setClock(clock = clock.plusSeconds(1));
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            s.execute(CATALOG_BATCH, List.of(), null);
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[][] {wall, cpu};
    }

    /** Batches per second with one thread, then with two threads on two different instances. */
    static void concurrency() throws Exception {
        try (SimulatedFleet f = fleet()) {
            procedure(f, "HOST_");
            SqlSession a = f.instance("HOST_A").login(SimulatedInstance.AUDIT_LOGIN, SimulatedInstance.AUDIT_PASSWORD);
            SqlSession b = f.instance("HOST_B").login(SimulatedInstance.AUDIT_LOGIN, SimulatedInstance.AUDIT_PASSWORD);
            for (int i = 0; i < 1000; i++) { a.execute(CATALOG_BATCH, List.of(), null); b.execute(CATALOG_BATCH, List.of(), null); }
            int per = 1500;
            long t0 = System.nanoTime();
            for (int i = 0; i < per; i++) { a.execute(CATALOG_BATCH, List.of(), null); b.execute(CATALOG_BATCH, List.of(), null); }
            double one = 2.0 * per / ((System.nanoTime() - t0) / 1e9);
            CountDownLatch start = new CountDownLatch(1);
            AtomicLong cpu = new AtomicLong();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            List<Thread> threads = new ArrayList<>();
            for (SqlSession s : List.of(a, b)) {
                Thread t = new Thread(() -> {
                    try { start.await(); } catch (InterruptedException e) { return; }
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < per; i++) s.execute(CATALOG_BATCH, List.of(), null);
                    cpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
                });
                t.start();
                threads.add(t);
            }
            long t1 = System.nanoTime();
            start.countDown();
            for (Thread t : threads) t.join();
            double wall = (System.nanoTime() - t1) / 1e9;
            double two = 2.0 * per / wall;
            long t2 = System.nanoTime();
            for (int i = 0; i < per; i++) { a.execute(CATALOG_BATCH, List.of(), null); b.execute(CATALOG_BATCH, List.of(), null); }
            double oneAgain = 2.0 * per / ((System.nanoTime() - t2) / 1e9);
            System.out.printf(Locale.ROOT, "throughput: 1 thread %.0f batches/s; 2 threads on 2 instances %.0f batches/s "
                + "(each thread on CPU %.0f%% of the wall time); 1 thread again %.0f batches/s%n",
                one, two, 100.0 * cpu.get() / 1e9 / (2 * wall), oneAgain);
        }
    }

    static void memory(int n) throws Exception {
        int triples = (n + 2) / 3;
        long before = usedAfterGc();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (SimulatedFleet f = fleet()) {
            long t0 = System.nanoTime();
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < triples; i++) procedure(f, "T" + i + "_");
            double setupS = (System.nanoTime() - t0) / 1e9;
            double setupCpuS = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            long afterSetup = usedAfterGc();
            int count = f.instances().size();
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            for (SimulatedInstance inst : f.instances()) {
                try (SqlSession audit = inst.login(SimulatedInstance.AUDIT_LOGIN, SimulatedInstance.AUDIT_PASSWORD)) {
                    countSets(audit.execute(CATALOG_BATCH, List.of(), null));
                }
            }
            double auditS = (System.nanoTime() - t1) / 1e9;
            double auditCpuS = (mx.getCurrentThreadCpuTime() - c1) / 1e9;
            long afterAudit = usedAfterGc();
            System.out.printf(Locale.ROOT, "memory: %d instances set up in %.1f s wall / %.1f s thread CPU (%.1f ms CPU/instance);"
                    + " retained %d bytes/instance; after one audit batch on each (%.1f s wall, %.2f ms CPU/batch)"
                    + " %d bytes/instance (heap %d MB)%n",
                count, setupS, setupCpuS, setupCpuS * 1000 / count, (afterSetup - before) / count, auditS,
                auditCpuS * 1000 / count, (afterAudit - before) / count, (afterAudit - before) >> 20);
        }
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, r.totalMemory() - r.freeMemory());
        }
        return best;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(d -> d).sorted().toArray();
        return a[a.length / 2];
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
