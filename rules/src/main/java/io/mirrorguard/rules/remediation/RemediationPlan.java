package io.mirrorguard.rules.remediation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The actions for the selected FAILs, in execution order. Its hash covers every field of every action, so
 * {@code apply --plan HASH} runs only what the operator reviewed: if the fleet changed, the recomputed plan has
 * another hash and nothing is applied.
 */
public record RemediationPlan(List<RemediationAction> actions, List<SkippedFinding> skipped) {

    public RemediationPlan {
        actions = List.copyOf(actions);
        skipped = List.copyOf(skipped);
    }

    /** SHA-256 over a canonical, length-prefixed rendering of the actions (skipped findings do not matter). */
    public String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RemediationAction a : actions) {
                field(sha, a.ruleId());
                field(sha, a.instance());
                field(sha, a.peer());
                field(sha, a.subject());
                field(sha, a.risk().name());
                field(sha, Integer.toString(a.step()));
                list(sha, a.sql());
                list(sha, a.rollback());
                list(sha, a.preconditions());
                list(sha, a.expectedPostState());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static void list(MessageDigest sha, List<String> values) {
        field(sha, Integer.toString(values.size()));
        values.forEach(v -> field(sha, v));
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value == null ? new byte[] {(byte) 0xFF} : value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
