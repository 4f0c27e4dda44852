package io.mirrorguard.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers shared by the engine tests: run T-SQL, pick result sets and errors. */
final class EngineTestSupport {

    private EngineTestSupport() {}

    /** A fleet at the engine tests' clock, 2025-01-15T10:00:00Z, with the default sa password. */
    static SimulatedFleet fleet(Path files) {
        return new SimulatedFleet(Instant.parse("2025-01-15T10:00:00Z"), files, "MirrorGuard!Sa1");
    }

    /** An sa session on {@code inst} after it ran the outbound procedure (port 5022, role ALL). */
    static SqlSession outboundSa(SimulatedInstance inst) {
        SqlSession sa = inst.adminSession();
        outbound(sa, inst.name(), 5022, "ALL");
        return sa;
    }

    static BatchResult run(SqlSession s, String sql) {
        return s.execute(sql, List.of(), null);
    }

    /** Runs a batch and fails the test on any error message. */
    static BatchResult ok(SqlSession s, String sql) {
        BatchResult r = run(s, sql);
        List<String> errors = errors(r).stream().map(m -> m.number() + ": " + m.text()).collect(Collectors.toList());
        assertThat(errors).as("errors from: " + sql).isEmpty();
        return r;
    }

    static List<ResultItem.Message> errors(BatchResult r) {
        return r.items().stream().filter(i -> i instanceof ResultItem.Message m && m.error())
            .map(i -> (ResultItem.Message) i).collect(Collectors.toList());
    }

    static ResultItem.Message firstError(BatchResult r) {
        List<ResultItem.Message> e = errors(r);
        assertThat(e).as("expected an error").isNotEmpty();
        return e.get(0);
    }

    static ResultItem.Rows rows(BatchResult r) {
        return r.items().stream().filter(i -> i instanceof ResultItem.Rows).map(i -> (ResultItem.Rows) i).findFirst()
            .orElseThrow(() -> new AssertionError("no result set in " + r.items()));
    }

    static List<ResultItem.Rows> allRows(BatchResult r) {
        return r.items().stream().filter(i -> i instanceof ResultItem.Rows).map(i -> (ResultItem.Rows) i).collect(Collectors.toList());
    }

    static Object scalar(SqlSession s, String sql) {
        ResultItem.Rows rows = rows(ok(s, sql));
        return rows.rows().isEmpty() ? null : rows.rows().get(0).get(0);
    }

    /** The Microsoft outbound procedure (certificate, endpoint, backup) for one host. */
    static void outbound(SqlSession s, String host, int port, String role) {
        ok(s, "USE master;\n"
            + "CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Str0ng!Passw0rd';\n"
            + "CREATE CERTIFICATE " + host + "_cert WITH SUBJECT = '" + host + " certificate for database mirroring',\n"
            + "   EXPIRY_DATE = '11/30/2030';\n"
            + "SELECT name, role_desc, state_desc, connection_auth_desc, encryption_algorithm_desc FROM sys.database_mirroring_endpoints;\n"
            + "CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP ( LISTENER_PORT=" + port + " , LISTENER_IP = ALL )\n"
            + "   FOR DATABASE_MIRRORING ( AUTHENTICATION = CERTIFICATE " + host + "_cert , ENCRYPTION = REQUIRED ALGORITHM AES , ROLE = " + role + " );\n"
            + "BACKUP CERTIFICATE " + host + "_cert TO FILE = 'C:\\" + host + "_cert.cer';");
    }

    /** The Microsoft inbound procedure on {@code s} for the peer {@code peer}. */
    static void inbound(SqlSession s, String peer) {
        ok(s, "USE master;\n"
            + "CREATE LOGIN " + peer + "_login WITH PASSWORD = 'Peer!Passw0rd1';\n"
            + "CREATE USER " + peer + "_user FOR LOGIN " + peer + "_login;\n"
            + "CREATE CERTIFICATE " + peer + "_cert AUTHORIZATION " + peer + "_user FROM FILE = 'C:\\" + peer + "_cert.cer';\n"
            + "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [" + peer + "_login];");
    }
}
