package io.mirrorguard.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured tokens. Compares SHA-256 digests with
 * {@link MessageDigest#isEqual} against every token, so neither the length nor the position of a match shows in
 * the timing. Blank tokens (an unset {@code ${env:...}}) are ignored; with none left every request is refused.
 */
public final class BearerTokens {
    private final List<byte[]> digests = new ArrayList<>();

    public BearerTokens(List<String> tokens) {
        for (String t : tokens == null ? List.<String>of() : tokens) {
            if (t != null && !t.isBlank()) {
                digests.add(sha256(t));
            }
        }
    }

    public boolean configured() {
        return !digests.isEmpty();
    }

    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = sha256(authorizationHeader.substring(7).trim());
        boolean match = false;
        for (byte[] d : digests) {
            match |= MessageDigest.isEqual(d, presented);
        }
        return match;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
