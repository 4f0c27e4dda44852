package io.mirrorguard.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.simulator.tds.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreCacheTest {
    private static final Secret PASSWORD = Secret.inline("changeit-test");
    private static final TlsMaterial FIRST = TlsMaterial.selfSigned();
    private static final TlsMaterial SECOND = TlsMaterial.selfSigned();

    @TempDir
    Path dir;

    private static X509Certificate[] chain(TlsMaterial m) {
        return new X509Certificate[] {m.certificate()};
    }

    @Test
    void a_store_is_read_once_and_its_trust_manager_reused() throws Exception {
        Path file = dir.resolve("trust.p12");
        FIRST.writeTrustStore(file, PASSWORD.reveal().toCharArray());
        TrustStoreCache cache = new TrustStoreCache();
        String id = cache.register(file, PASSWORD, "PKCS12");
        assertThat(cache.register(dir.resolve(".").resolve("trust.p12"), Secret.inline("changeit-test"), "PKCS12"))
                .as("same file, password and type: same store").isEqualTo(id);

        X509TrustManager tm = cache.trustManager(id);
        for (int i = 0; i < 5; i++) {
            assertThat(cache.trustManager(id)).isSameAs(tm);
        }
        assertThat(cache.loads()).isEqualTo(1);
        tm.checkServerTrusted(chain(FIRST), "RSA");
        assertThatThrownBy(() -> tm.checkServerTrusted(chain(SECOND), "RSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void a_changed_file_is_read_again() throws Exception {
        Path file = dir.resolve("trust.p12");
        FIRST.writeTrustStore(file, PASSWORD.reveal().toCharArray());
        TrustStoreCache cache = new TrustStoreCache();
        String id = cache.register(file, PASSWORD, "PKCS12");
        cache.trustManager(id).checkServerTrusted(chain(FIRST), "RSA");

        SECOND.writeTrustStore(file, PASSWORD.reveal().toCharArray());
        // a rewrite within the file system's timestamp granularity would look unchanged: move the time on
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        X509TrustManager reloaded = cache.trustManager(id);
        assertThat(cache.loads()).isEqualTo(2);
        reloaded.checkServerTrusted(chain(SECOND), "RSA");
        assertThatThrownBy(() -> reloaded.checkServerTrusted(chain(FIRST), "RSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void a_wrong_password_or_a_missing_file_is_a_certificate_error_without_the_password() throws Exception {
        Path file = dir.resolve("trust.p12");
        FIRST.writeTrustStore(file, PASSWORD.reveal().toCharArray());
        TrustStoreCache cache = new TrustStoreCache();
        String wrong = cache.register(file, Secret.inline("not-the-password"), "PKCS12");
        assertThatThrownBy(() -> cache.trustManager(wrong)).isInstanceOf(CertificateException.class)
                .hasMessageContaining(file.toString()).hasMessageNotContaining("not-the-password");
        String missing = cache.register(dir.resolve("gone.p12"), PASSWORD, "PKCS12");
        assertThatThrownBy(() -> cache.trustManager(missing)).isInstanceOf(CertificateException.class)
                .hasMessageContaining("gone.p12");
    }

    @Test
    void host_names_match_like_the_driver_does() throws Exception {
        // the simulator's certificate: CN=localhost, SAN DNS:localhost, IP:127.0.0.1
        assertThat(CachedTrustManager.matches(FIRST.certificate(), "LOCALHOST")).isTrue();
        assertThat(CachedTrustManager.matches(FIRST.certificate(), "sqla.example")).isFalse();
        assertThat(CachedTrustManager.nameMatches("*.corp.example", "sqla.corp.example")).isTrue();
        assertThat(CachedTrustManager.nameMatches("sql*.corp.example", "sqla.corp.example")).isTrue();
        assertThat(CachedTrustManager.nameMatches("*.corp.example", "a.b.corp.example")).isFalse();
        assertThat(CachedTrustManager.nameMatches("*.example", "corp.example")).isFalse();
        assertThat(CachedTrustManager.nameMatches("*.corp.example", ".corp.example")).isFalse();
        assertThat(CachedTrustManager.nameMatches("sqla.corp.example", "sqlb.corp.example")).isFalse();
    }
}
