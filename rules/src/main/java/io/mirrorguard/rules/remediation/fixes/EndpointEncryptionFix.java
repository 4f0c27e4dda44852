package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.EndpointEncryptionAesOnly;
import io.mirrorguard.rules.catalog.EndpointEncryptionRequired;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.EndpointEncryption;
import io.mirrorguard.rules.model.EndpointEncryption.Mode;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves an endpoint to ENCRYPTION = REQUIRED ALGORITHM AES without ever leaving a link unable to agree.
 *
 * <p>Two phases across the whole plan: first every endpoint being changed widens to {@code <mode> ALGORITHM AES RC4}
 * (a superset of what it accepted, so every link that worked keeps working, and AES becomes common to all), then
 * each narrows to REQUIRED AES, which every widened or compliant peer accepts. A peer that stays DISABLED or
 * RC4-only (not selected, or not audited) would lose its link in phase two: then the fix is refused.
 * ALTER ENDPOINT restarts the endpoint, so both phases are disruptive.
 */
public abstract sealed class EndpointEncryptionFix implements Fix
        permits EndpointEncryptionFix.Required, EndpointEncryptionFix.AesOnly {

    static final String REQUIRED_RULE = EndpointEncryptionRequired.ID;
    static final String AES_RULE = EndpointEncryptionAesOnly.ID;

    public static final class Required extends EndpointEncryptionFix {
        @Override
        public String ruleId() {
            return REQUIRED_RULE;
        }
    }

    public static final class AesOnly extends EndpointEncryptionFix {
        @Override
        public String ruleId() {
            return AES_RULE;
        }
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        if (!ctx.options().includeDisruptive()) {
            throw new CannotFix("changing endpoint encryption restarts the endpoint (disruptive); not allowed now");
        }
        String x = f.instance();
        MirroringEndpoint ep = FixSupport.endpoint(ctx, x);
        EndpointEncryption current = ep.encryption();
        for (String peer : ctx.peersOf(x)) {
            if (!acceptsRequiredAesAfterPlan(ctx, peer)) {
                throw new CannotFix("peer " + peer + " would not accept REQUIRED AES after this plan (its endpoint"
                        + " stays DISABLED or RC4-only, or was not read); fix it in the same plan");
            }
        }
        String endpoint = TSql.name(ep.name());
        List<String> post = List.of(FixSupport.postState(REQUIRED_RULE, x, null), FixSupport.postState(AES_RULE, x, null));
        String restore = "ALTER ENDPOINT " + endpoint + " FOR DATABASE_MIRRORING (ENCRYPTION = " + current.ddl() + ");";
        List<RemediationAction> actions = new ArrayList<>();
        if (!current.algorithms().contains("AES")) {
            String widened = (current.mode() == Mode.REQUIRED ? "REQUIRED" : "SUPPORTED") + " ALGORITHM AES RC4";
            actions.add(new RemediationAction(REQUIRED_RULE, x, null, f.subject(), Risk.DISRUPTIVE,
                    Steps.ENCRYPTION_WIDEN,
                    "phase 1: widen " + ep.name() + " encryption from " + current.ddl() + " to " + widened,
                    List.of("maintenance window: ALTER ENDPOINT restarts the endpoint"),
                    List.of("ALTER ENDPOINT " + endpoint + " FOR DATABASE_MIRRORING (ENCRYPTION = " + widened + ");"),
                    List.of(restore), List.of()));
        }
        actions.add(new RemediationAction(REQUIRED_RULE, x, null, f.subject(), Risk.DISRUPTIVE,
                Steps.ENCRYPTION_NARROW,
                "phase 2: require AES on " + ep.name() + " (was " + current.ddl() + ")",
                List.of("maintenance window: ALTER ENDPOINT restarts the endpoint",
                        "every peer's endpoint accepts AES (phase 1 done on all changed peers)"),
                List.of("ALTER ENDPOINT " + endpoint + " FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM AES);"),
                List.of(restore), post));
        return actions;
    }

    private static boolean acceptsRequiredAesAfterPlan(FixContext ctx, String peer) {
        if (ctx.planFixes(REQUIRED_RULE, peer) || ctx.planFixes(AES_RULE, peer)) {
            return true;
        }
        return ctx.endpoint(peer)
                .map(p -> p.encryption().mode() != Mode.DISABLED && p.encryption().algorithms().contains("AES"))
                .orElse(false);
    }
}
