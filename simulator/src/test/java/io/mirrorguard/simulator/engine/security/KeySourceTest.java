package io.mirrorguard.simulator.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class KeySourceTest {
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);

    @Test
    void fresh_keys_differ_every_time() {
        KeySource fresh = KeySource.fresh();
        assertThat(fresh.next().getPublic()).isNotEqualTo(fresh.next().getPublic());
    }

    @Test
    void a_pool_hands_out_its_keys_in_turn() {
        KeySource pool = KeySource.pool(2, 7);
        KeyPair a = pool.next();
        KeyPair b = pool.next();
        assertThat(a.getPublic()).isNotEqualTo(b.getPublic());
        assertThat(pool.next()).isSameAs(a);
        assertThat(pool.next()).isSameAs(b);
    }

    @Test
    void the_same_seed_gives_the_same_keys_and_another_seed_others() {
        KeyPair one = KeySource.pool(1, 42).next();
        assertThat(KeySource.pool(1, 42).next().getPublic()).isEqualTo(one.getPublic());
        assertThat(KeySource.pool(1, 43).next().getPublic()).isNotEqualTo(one.getPublic());
    }

    @Test
    void certificates_from_one_pooled_key_are_still_distinct_certificates() {
        KeySource pool = KeySource.pool(1, 1);
        Certificates.Generated x = Certificates.selfSigned("SQLA_cert", START, START.plusYears(1), pool);
        Certificates.Generated y = Certificates.selfSigned("SQLB_cert", START, START.plusYears(1), pool);
        assertThat(x.certificate().getPublicKey()).isEqualTo(y.certificate().getPublicKey());
        assertThat(Certificates.sha1(x.der())).isNotEqualTo(Certificates.sha1(y.der()));
        assertThat(x.certificate().getSerialNumber()).isNotEqualTo(y.certificate().getSerialNumber());
    }

    @Test
    void a_pool_needs_a_key() {
        assertThatThrownBy(() -> KeySource.pool(0, 1)).hasMessageContaining("at least 1");
    }
}
