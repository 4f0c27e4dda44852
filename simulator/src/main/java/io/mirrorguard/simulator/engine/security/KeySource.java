package io.mirrorguard.simulator.engine.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Where {@code CREATE CERTIFICATE ... WITH SUBJECT} gets its RSA 2048 key. By default a fresh key per certificate,
 * as SQL Server does. A key pool ({@code --key-pool N --seed S}) hands out N keys derived from the seed in turn, so
 * setting up a 10,000-instance fleet costs N key generations instead of 10,000 (each takes tens of milliseconds);
 * certificates stay distinct (own serial, subject, dates and thumbprint) but every N-th one shares a public key.
 * Only for load tests: a scenario that compares certificates by key needs more keys in the pool than certificates
 * it compares.
 */
public abstract sealed class KeySource {
    private static final int BITS = 2048;

    public abstract KeyPair next();

    /** A new key per certificate (SQL Server's behaviour; the default). */
    public static KeySource fresh() {
        return new Fresh();
    }

    /** {@code size} keys, key i generated from {@code seed} and i, handed out round-robin. */
    public static KeySource pool(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("key pool size must be at least 1, got " + size);
        }
        return new Pool(size, seed);
    }

    private static final class Fresh extends KeySource {
        private static final SecureRandom RANDOM = new SecureRandom();

        @Override
        public KeyPair next() {
            return generate(RANDOM);
        }
    }

    private static final class Pool extends KeySource {
        private final KeyPair[] keys;
        private final long seed;
        private int next;

        Pool(int size, long seed) {
            this.keys = new KeyPair[size];
            this.seed = seed;
        }

        @Override
        public synchronized KeyPair next() {
            int i = next;
            next = (next + 1) % keys.length;
            if (keys[i] == null) {
                keys[i] = generate(seeded(seed, i));
            }
            return keys[i];
        }

        /** SHA1PRNG seeded before its first use is deterministic: the same seed gives the same keys. */
        private static SecureRandom seeded(long seed, int index) {
            try {
                SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
                r.setSeed(seed * 1_000_003L + index);
                return r;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA1PRNG is not available", e);
            }
        }
    }

    static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(BITS, random);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
