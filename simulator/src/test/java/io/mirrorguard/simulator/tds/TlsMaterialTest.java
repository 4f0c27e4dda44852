package io.mirrorguard.simulator.tds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {

    @Test
    void generatedCertificateMatchesTheContract() throws Exception {
        X509Certificate cert = TestTls.MATERIAL.certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(cert.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        cert.checkValidity();
    }

    @Test
    void trustStoreAndPemHoldTheCertificate(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("sub/trust.p12");
        Path pem = dir.resolve("cert.pem");
        TestTls.MATERIAL.writeTrustStore(p12, "changeit".toCharArray());
        TestTls.MATERIAL.writePem(pem);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        assertThat(ks.size()).isEqualTo(1);
        String alias = ks.aliases().nextElement();
        assertThat(ks.isCertificateEntry(alias)).isTrue();
        assertThat(ks.getCertificate(alias)).isEqualTo(TestTls.MATERIAL.certificate());
        try (InputStream in = Files.newInputStream(pem)) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in))
                    .isEqualTo(TestTls.MATERIAL.certificate());
        }
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void loadsAGivenKeyStoreAndServesItsCertificate(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", "secret1", "-keypass", "secret1", "-alias", "sim",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-validity", "30").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        TlsMaterial loaded = TlsMaterial.load(ks, "secret1".toCharArray());
        assertThat(loaded.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        Path trust = dir.resolve("trust.p12");
        loaded.writeTrustStore(trust, "changeit".toCharArray());
        try (TdsServer server = TdsServer.start(new FakeBackend(), new InetSocketAddress("127.0.0.1", 0), loaded)) {
            String url = "jdbc:sqlserver://localhost:" + server.port() + ";encrypt=true;trustStore=" + trust
                    + ";trustStorePassword=changeit;user=sa;password=" + FakeBackend.PASSWORD + ";loginTimeout=5";
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(c.isValid(2)).isTrue();
            }
        }

        assertThatThrownBy(() -> TlsMaterial.load(ks, "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ks.toString());
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> TlsMaterial.load(missing, "x".toCharArray()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }
}
