package io.mirrorguard.simulator.engine.mirroring;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.BatchResult;
import io.mirrorguard.simulator.api.ResultItem;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import io.mirrorguard.simulator.engine.mirroring.LinkEvaluator.Cause;
import io.mirrorguard.simulator.engine.mirroring.LinkEvaluator.Purpose;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per reason a mirroring transport connection fails, each set up with the T-SQL that causes it. */
class LinkEvaluatorTest {

    @TempDir
    Path files;
    SimulatedFleet fleet;
    SimulatedInstance hostA;
    SimulatedInstance hostB;
    SqlSession a;
    SqlSession b;
    LinkEvaluator evaluator;

    @BeforeEach
    void setUp() {
        fleet = new SimulatedFleet(Instant.parse("2025-01-15T10:00:00Z"), files, "MirrorGuard!Sa1");
        hostA = fleet.instance("HOST_A");
        hostB = fleet.instance("HOST_B");
        a = hostA.adminSession();
        b = hostB.adminSession();
        evaluator = new LinkEvaluator(fleet);
    }

    static void ok(SqlSession s, String sql) {
        BatchResult r = s.execute(sql, List.of(), null);
        assertThat(r.items()).as(sql).noneMatch(i -> i instanceof ResultItem.Message m && m.error());
    }

    /** Microsoft's outbound steps with explicit validity dates. */
    static void outbound(SqlSession s, String host, String role, String dates, String encryption) {
        ok(s, "USE master;\nCREATE MASTER KEY ENCRYPTION BY PASSWORD = 'Str0ng!Passw0rd';\n"
            + "CREATE CERTIFICATE " + host + "_cert WITH SUBJECT = '" + host + " certificate', " + dates + ";\n"
            + "CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 7024, LISTENER_IP = ALL)\n"
            + "  FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE " + host + "_cert, ENCRYPTION = " + encryption
            + ", ROLE = " + role + ");\n"
            + "BACKUP CERTIFICATE " + host + "_cert TO FILE = 'C:\\" + host + "_cert.cer';");
    }

    static void inbound(SqlSession s, String peer) {
        ok(s, "USE master;\nCREATE LOGIN " + peer + "_login WITH PASSWORD = 'Peer!Passw0rd1';\n"
            + "CREATE USER " + peer + "_user FOR LOGIN " + peer + "_login;\n"
            + "CREATE CERTIFICATE " + peer + "_cert AUTHORIZATION " + peer + "_user FROM FILE = 'C:\\" + peer + "_cert.cer';\n"
            + "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [" + peer + "_login];");
    }

    void configure(String aDates, String bDates, String aEncryption, String bEncryption) {
        outbound(a, "HOST_A", "ALL", aDates, aEncryption);
        outbound(b, "HOST_B", "ALL", bDates, bEncryption);
        inbound(a, "HOST_B");
        inbound(b, "HOST_A");
    }

    void configure() {
        configure("EXPIRY_DATE = '20301130'", "EXPIRY_DATE = '20301130'", "REQUIRED ALGORITHM AES", "REQUIRED ALGORITHM AES");
    }

    LinkEvaluator.Result aToB() {
        return evaluator.evaluate(hostA, hostB, Purpose.PARTNER);
    }

    @Test
    void healthyLinkNegotiatesAesAndNamesTheAuthenticatingCertificatesAndLogins() {
        configure();
        LinkEvaluator.Result r = aToB();
        assertThat(r.cause()).isEqualTo(Cause.OK);
        assertThat(r.algorithm()).isEqualTo(2);
        assertThat(r.localPeerLogin()).isEqualTo("HOST_B_login");
        assertThat(r.remotePeerLogin()).isEqualTo("HOST_A_login");
        assertThat(r.localPeerCertId()).isEqualTo(hostA.state().master().certificate("HOST_B_cert").orElseThrow().id);
        assertThat(r.remotePeerCertId()).isEqualTo(hostB.state().master().certificate("HOST_A_cert").orElseThrow().id);
    }

    @Test
    void addressesThatResolveToNothing() {
        configure();
        assertThat(evaluator.evaluate(hostA, "TCP://HOST_Z.corp:7024", Purpose.PARTNER).cause()).isEqualTo(Cause.NO_SUCH_HOST);
        assertThat(evaluator.evaluate(hostA, "TCP://HOST_B.corp:7025", Purpose.PARTNER).cause()).isEqualTo(Cause.NO_REMOTE_ENDPOINT);
        assertThat(evaluator.evaluate(hostA, "HOST_B:7024", Purpose.PARTNER).cause()).isEqualTo(Cause.NO_SUCH_HOST);
        assertThat(evaluator.evaluate(hostA, "TCP://HOST_B.corp:7024", Purpose.PARTNER).cause()).isEqualTo(Cause.OK);
        ok(a, "DROP ENDPOINT Endpoint_Mirroring");
        assertThat(aToB().cause()).isEqualTo(Cause.NO_LOCAL_ENDPOINT);
    }

    @Test
    void stoppedOrDisabledEndpoint() {
        configure();
        ok(b, "ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED");
        assertThat(aToB().cause()).isEqualTo(Cause.REMOTE_ENDPOINT_NOT_STARTED);
        ok(b, "ALTER ENDPOINT Endpoint_Mirroring STATE = STARTED");
        ok(a, "ALTER ENDPOINT Endpoint_Mirroring STATE = DISABLED");
        assertThat(aToB().cause()).isEqualTo(Cause.LOCAL_ENDPOINT_NOT_STARTED);
    }

    @Test
    void roleMismatch() {
        configure();
        ok(b, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ROLE = WITNESS)");
        assertThat(aToB().cause()).isEqualTo(Cause.ROLE_MISMATCH);
        assertThat(evaluator.evaluate(hostA, hostB, Purpose.WITNESS).cause()).isEqualTo(Cause.OK);
        // a witness-only endpoint cannot open the partner side of a partner link either
        assertThat(evaluator.evaluate(hostB, hostA, Purpose.PARTNER).cause()).isEqualTo(Cause.ROLE_MISMATCH);
        assertThat(evaluator.evaluate(hostB, hostA, Purpose.FROM_WITNESS).cause()).isEqualTo(Cause.OK);
        ok(b, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ROLE = PARTNER)");
        assertThat(evaluator.evaluate(hostA, hostB, Purpose.WITNESS).cause()).isEqualTo(Cause.ROLE_MISMATCH);
    }

    @Test
    void disabledEncryptionAgainstRequiredFailsButNotAgainstSupported() {
        configure("EXPIRY_DATE = '20301130'", "EXPIRY_DATE = '20301130'", "REQUIRED ALGORITHM AES", "DISABLED");
        assertThat(aToB().cause()).isEqualTo(Cause.ENCRYPTION_INCOMPATIBLE);
        assertThat(evaluator.evaluate(hostB, hostA, Purpose.PARTNER).cause()).isEqualTo(Cause.ENCRYPTION_INCOMPATIBLE);
        ok(a, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = SUPPORTED ALGORITHM AES)");
        LinkEvaluator.Result r = aToB();
        assertThat(r.cause()).isEqualTo(Cause.OK);
        assertThat(r.algorithm()).isZero();
    }

    @Test
    void noCommonAlgorithmAndTheAcceptorsPreferenceWins() {
        configure("EXPIRY_DATE = '20301130'", "EXPIRY_DATE = '20301130'", "REQUIRED ALGORITHM RC4", "REQUIRED ALGORITHM AES");
        assertThat(aToB().cause()).isEqualTo(Cause.NO_COMMON_ALGORITHM);
        ok(a, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM AES RC4)");
        ok(b, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4 AES)");
        assertThat(aToB().algorithm()).isEqualTo(1);
        assertThat(evaluator.evaluate(hostB, hostA, Purpose.PARTNER).algorithm()).isEqualTo(2);
    }

    @Test
    void expiredCertificateOnEitherSide() {
        configure("EXPIRY_DATE = '20260101'", "EXPIRY_DATE = '20301130'", "REQUIRED ALGORITHM AES", "REQUIRED ALGORITHM AES");
        assertThat(aToB().cause()).isEqualTo(Cause.OK);
        fleet.setClock(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(aToB().cause()).isEqualTo(Cause.LOCAL_CERT_NOT_VALID);
        assertThat(evaluator.evaluate(hostB, hostA, Purpose.PARTNER).cause()).isEqualTo(Cause.REMOTE_CERT_NOT_VALID);
    }

    @Test
    void notYetValidCertificate() {
        configure("START_DATE = '20250601', EXPIRY_DATE = '20301130'", "EXPIRY_DATE = '20301130'",
            "REQUIRED ALGORITHM AES", "REQUIRED ALGORITHM AES");
        assertThat(aToB().cause()).isEqualTo(Cause.LOCAL_CERT_NOT_VALID);
        assertThat(evaluator.evaluate(hostB, hostA, Purpose.PARTNER).cause()).isEqualTo(Cause.REMOTE_CERT_NOT_VALID);
        fleet.setClock(Instant.parse("2025-06-02T00:00:00Z"));
        assertThat(aToB().cause()).isEqualTo(Cause.OK);
    }

    @Test
    void privateKeyUnusableWhenTheMasterKeyIsNotProtectedByTheServiceMasterKey() {
        configure();
        ok(a, "USE master; ALTER MASTER KEY DROP ENCRYPTION BY SERVICE MASTER KEY");
        assertThat(aToB().cause()).isEqualTo(Cause.LOCAL_CERT_NO_USABLE_KEY);
        assertThat(evaluator.evaluate(hostB, hostA, Purpose.PARTNER).cause()).isEqualTo(Cause.REMOTE_CERT_MISSING);
        ok(a, "USE master; OPEN MASTER KEY DECRYPTION BY PASSWORD = 'Str0ng!Passw0rd';\n"
            + "ALTER MASTER KEY ADD ENCRYPTION BY SERVICE MASTER KEY; CLOSE MASTER KEY;");
        assertThat(aToB().cause()).isEqualTo(Cause.OK);
    }

    @Test
    void peerCertificateMissing() {
        configure();
        ok(b, "USE master; DROP CERTIFICATE HOST_A_cert");
        assertThat(aToB().cause()).isEqualTo(Cause.PEER_NOT_TRUSTED);
    }

    @Test
    void windowsOnlyEndpointCannotAuthenticateOutsideADomain() {
        configure();
        ok(b, "ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE)");
        assertThat(aToB().cause()).isEqualTo(Cause.WINDOWS_AUTH_UNAVAILABLE);
    }

    @Test
    void certificateOwnerWithoutLogin() {
        configure();
        ok(b, "DROP LOGIN HOST_A_login");
        assertThat(aToB().cause()).isEqualTo(Cause.PEER_LOGIN_NO_CONNECT);
    }

    @Test
    void certificateOwnedByAUserWithoutLogin() {
        configure();
        ok(b, "USE master; DROP CERTIFICATE HOST_A_cert; CREATE USER orphan_user WITHOUT LOGIN;\n"
            + "CREATE CERTIFICATE HOST_A_cert AUTHORIZATION orphan_user FROM FILE = 'C:\\HOST_A_cert.cer';");
        assertThat(aToB().cause()).isEqualTo(Cause.PEER_LOGIN_NO_CONNECT);
    }

    @Test
    void connectDeniedOrRevoked() {
        configure();
        ok(b, "DENY CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login]");
        assertThat(aToB().cause()).isEqualTo(Cause.PEER_LOGIN_NO_CONNECT);
        ok(b, "REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [HOST_A_login]");
        assertThat(aToB().cause()).isEqualTo(Cause.PEER_LOGIN_NO_CONNECT);
        ok(b, "GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login]");
        assertThat(aToB().cause()).isEqualTo(Cause.OK);
        ok(b, "ALTER LOGIN HOST_A_login DISABLE");
        assertThat(aToB().cause()).isEqualTo(Cause.PEER_LOGIN_NO_CONNECT);
    }

    @Test
    void sysadminNeedsNoConnectGrantEvenWhenDenied() {
        configure();
        ok(b, "DENY CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login]");
        ok(b, "ALTER SERVER ROLE sysadmin ADD MEMBER [HOST_A_login]");
        assertThat(aToB().cause()).isEqualTo(Cause.OK);
    }

    @Test
    void endpointOwnerNeedsNoConnectGrant() {
        configure();
        ok(b, "REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [HOST_A_login]");
        assertThat(aToB().cause()).isEqualTo(Cause.PEER_LOGIN_NO_CONNECT);
        ok(b, "ALTER AUTHORIZATION ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login]");
        assertThat(aToB().cause()).isEqualTo(Cause.OK);
    }

    @Test
    void negotiateFollowsTheDocumentedMatrix() {
        // 0 DISABLED, 1 REQUIRED RC4, 2 REQUIRED AES, 3 SUPPORTED RC4, 4 SUPPORTED AES, 5 REQUIRED RC4 AES, 6 REQUIRED AES RC4
        assertThat(LinkEvaluator.negotiate(0, 0)).isZero();
        assertThat(LinkEvaluator.negotiate(0, 2)).isEqualTo(-1);
        assertThat(LinkEvaluator.negotiate(2, 0)).isEqualTo(-1);
        assertThat(LinkEvaluator.negotiate(0, 4)).isZero();
        assertThat(LinkEvaluator.negotiate(4, 2)).isEqualTo(2);
        assertThat(LinkEvaluator.negotiate(1, 2)).isEqualTo(-2);
        assertThat(LinkEvaluator.negotiate(6, 5)).isEqualTo(1);
        assertThat(LinkEvaluator.negotiate(5, 6)).isEqualTo(2);
    }
}
