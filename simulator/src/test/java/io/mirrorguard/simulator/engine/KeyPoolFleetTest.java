package io.mirrorguard.simulator.engine;

import static io.mirrorguard.simulator.engine.EngineTestSupport.ok;
import static io.mirrorguard.simulator.engine.EngineTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.security.Certificates;
import io.mirrorguard.simulator.engine.security.KeySource;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CREATE CERTIFICATE ... WITH SUBJECT takes its key from the fleet's key source: fresh by default, or a pool. */
class KeyPoolFleetTest {
    @TempDir
    Path files;

    private static X509Certificate endpointCertificate(SimulatedFleet fleet, String instance) {
        SqlSession sa = EngineTestSupport.outboundSa(fleet.instance(instance));
        byte[] der = (byte[]) rows(ok(sa, "SELECT CERTENCODED(CERT_ID('" + instance + "_cert'))")).rows().get(0).get(0);
        return Certificates.parse(der);
    }

    @Test
    void by_default_every_certificate_has_its_own_key() {
        SimulatedFleet fleet = EngineTestSupport.fleet(files);
        assertThat(endpointCertificate(fleet, "SQLA").getPublicKey())
                .isNotEqualTo(endpointCertificate(fleet, "SQLB").getPublicKey());
    }

    @Test
    void with_a_pool_of_one_key_the_certificates_share_it_and_stay_distinct() {
        SimulatedFleet fleet = EngineTestSupport.fleet(files);
        fleet.useKeys(KeySource.pool(1, 9));
        X509Certificate a = endpointCertificate(fleet, "SQLA");
        X509Certificate b = endpointCertificate(fleet, "SQLB");
        assertThat(a.getPublicKey()).isEqualTo(b.getPublicKey());
        assertThat(a.getSubjectX500Principal()).isNotEqualTo(b.getSubjectX500Principal());
    }
}
