package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.CancelToken;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.SimulatedFleet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spot checks that a drift scenario leaves in the engine's catalog the fact its header says a rule will fail on
 * (the rules themselves are tested in the rules module and end to end by the agent).
 */
class ScenarioSignalsTest {

    @TempDir
    Path fileArea;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
        procedure-two-partners-witness | SQLA | SELECT mirroring_role_desc, mirroring_partner_name, mirroring_witness_name FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL | [PRINCIPAL, TCP://SQLB.corp.example:5023, TCP://SQLW.corp.example:5024]
        procedure-two-partners-witness | SQLA | SELECT name, pvt_key_encryption_type FROM master.sys.certificates WHERE name LIKE 'SQL%' ORDER BY name | [SQLA_cert, MK];[SQLB_cert, NA];[SQLW_cert, NA]
        procedure-ms-docs-style | HOST_A | SELECT mirroring_role_desc, mirroring_state_desc, mirroring_witness_state_desc FROM sys.database_mirroring WHERE mirroring_guid IS NOT NULL | [PRINCIPAL, SYNCHRONIZED, CONNECTED]
        procedure-ms-docs-style | HOST_W | SELECT name, expiry_date FROM master.sys.certificates WHERE name LIKE 'HOST%' ORDER BY name | [HOST_A_cert, 2099-12-31T00:00];[HOST_B_cert, 2099-12-31T00:00];[HOST_W_cert, 2099-12-31T00:00]
        drift-master-key-not-service-protected | SQLA | SELECT name, is_master_key_encrypted_by_server FROM sys.databases WHERE name = 'master' | [master, false]
        drift-master-key-not-service-protected | SQLB | SELECT name, is_master_key_encrypted_by_server FROM sys.databases WHERE name = 'master' | [master, true]
        drift-endpoint-stopped | SQLB | SELECT state_desc FROM sys.database_mirroring_endpoints | [STOPPED]
        drift-encryption-rc4 | SQLB | SELECT encryption_algorithm, encryption_algorithm_desc FROM sys.database_mirroring_endpoints | [1, RC4]
        drift-windows-fallback | SQLA | SELECT connection_auth_desc FROM sys.database_mirroring_endpoints | [CERTIFICATE, NEGOTIATE]
        drift-endpoint-cert-not-backed-up | SQLB | SELECT name, pvt_key_last_backup_date FROM master.sys.certificates WHERE pvt_key_encryption_type = 'MK' | [SQLB_cert_2, null]
        drift-peer-cert-with-private-key | SQLA | SELECT pvt_key_encryption_type FROM master.sys.certificates WHERE name = 'SQLB_cert' | [MK]
        drift-endpoint-cert-key-password | SQLB | SELECT pvt_key_encryption_type FROM master.sys.certificates WHERE name = 'SQLB_cert' | [PW]
        drift-witness-trusts-one-partner | SQLW | SELECT name FROM master.sys.certificates WHERE name LIKE 'SQL%' ORDER BY name | [SQLA_cert];[SQLW_cert]
        drift-witness-connect-denied | SQLA | SELECT p.state_desc FROM sys.server_permissions p JOIN sys.server_principals s ON s.principal_id = p.grantee_principal_id WHERE p.class = 105 AND s.name = 'SQLW_login' | [DENY]
        drift-stale-cert-after-rotation | SQLW | SELECT name FROM master.sys.certificates WHERE name LIKE 'SQLB%' ORDER BY name | [SQLB_cert];[SQLB_cert_2]
        drift-cert-expiring | SQLA | SELECT DATEDIFF(day, GETUTCDATE(), expiry_date) FROM master.sys.certificates WHERE name = 'SQLA_cert' | [10]
        drift-cert-expired | SQLA | SELECT COUNT(*) FROM master.sys.certificates WHERE name = 'SQLA_cert' AND expiry_date < GETUTCDATE() | [1]
        drift-unresolved-witness-address | SQLW | SELECT port FROM sys.tcp_endpoints WHERE type_desc = 'DATABASE_MIRRORING' | [5025]
        """)
    void driftLeavesItsSignal(String scenario, String instance, String query, String expected) {
        try (SimulatedFleet fleet = new SimulatedFleet(Instant.parse("2026-11-26T12:00:00Z"), fileArea, "MirrorGuard!Sa1")) {
            new ScenarioRunner(new EngineFleet(fleet), m -> { }).run(ScenarioParser.parse(ShippedScenarios.source(scenario)));
            assertThat(String.join(";", rows(fleet, instance, query))).isEqualTo(expected);
        }
    }

    private static List<String> rows(SimulatedFleet fleet, String instance, String query) {
        try (SqlSession s = fleet.instance(instance).adminSession()) {
            BatchResult r = s.execute(query, List.of(), new CancelToken());
            List<String> out = new ArrayList<>();
            for (ResultItem item : r.items()) {
                if (item instanceof ResultItem.Rows rows) {
                    rows.rows().forEach(row -> out.add(row.toString()));
                } else if (item instanceof ResultItem.Message m && m.error()) {
                    out.add("error " + m.number() + ": " + m.text());
                }
            }
            return out;
        }
    }
}
