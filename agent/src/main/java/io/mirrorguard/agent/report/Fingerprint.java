package io.mirrorguard.agent.report;

import io.mirrorguard.rules.engine.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's stable identity across audits: what was checked, never how it turned out, so that a FAIL that turns
 * PASS keeps its id (SARIF partialFingerprints, store keys).
 */
public final class Fingerprint {

    private Fingerprint() {}

    public static String of(Finding f) {
        return of(f.ruleId(), f.instance(), f.peer(), f.subject());
    }

    public static String of(String ruleId, String instance, String peer, String subject) {
        // the unit separator cannot appear in names typed into a config, so the join is unambiguous
        String key = String.join("\u001f", nz(ruleId), nz(instance), nz(peer), nz(subject));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
