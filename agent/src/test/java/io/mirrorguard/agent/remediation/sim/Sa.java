package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.agent.collector.JdbcConnector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.InstanceConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A test's own sa session (remediationAuth) to break things on purpose or hold the remediation lock. */
final class Sa {

    private Sa() {}

    static Connection connect(AgentConfig cfg, String instance) throws SQLException {
        InstanceConfig i = cfg.instance(instance).orElseThrow();
        return JdbcConnector.dataSource(i, i.remediationAuth()).getConnection();
    }

    static void exec(AgentConfig cfg, String instance, String... batches) throws SQLException {
        try (Connection c = connect(cfg, instance); Statement s = c.createStatement()) {
            for (String b : batches) {
                s.execute(b);
            }
        }
    }

    static List<String> column(Connection c, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Statements that change something: none of them may reach a server in a plan or dry run. */
    static boolean mutates(String batch) {
        String b = batch.toUpperCase(java.util.Locale.ROOT);
        for (String verb : List.of("CREATE ", "ALTER ", "DROP ", "GRANT ", "REVOKE ", "DENY ", "BACKUP ",
                "OPEN MASTER KEY", "SP_GETAPPLOCK")) {
            if (b.contains(verb)) {
                return true;
            }
        }
        return false;
    }
}
