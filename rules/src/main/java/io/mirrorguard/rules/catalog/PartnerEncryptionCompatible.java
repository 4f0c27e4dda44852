package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.PerLink;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.EndpointEncryption;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.topology.Link;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
        id = PartnerEncryptionCompatible.ID,
        title = "Both endpoints of a link can agree on encryption",
        severity = Severity.CRITICAL,
        category = Category.LINK,
        rationale = "An endpoint with ENCRYPTION DISABLED cannot talk to one that REQUIRES it, and two encrypting"
                + " endpoints need an algorithm in common (AES vs RC4 fails the handshake).",
        remediation = "Align both endpoints, preferably ENCRYPTION = REQUIRED ALGORITHM AES on both; change them in one"
                + " maintenance window.",
        procedureStep = "Outbound step 3 on both instances of the link",
        references = {Refs.CREATE_ENDPOINT, Refs.TRANSPORT_SECURITY})
@PassRequires(value = {FactSection.ENDPOINTS}, alsoOnPeer = true)
public final class PartnerEncryptionCompatible implements PerLink {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "partner-encryption-compatible";

    @Override
    public void evaluate(Link link, EvaluationContext context, Emitter out) {
        String a = link.a().compareTo(link.b()) <= 0 ? link.a() : link.b();
        String b = link.other(a);
        // one verdict per pair of instances: two instances in a mirroring session and an AG share two links
        if (!link.equals(context.topology().firstLinkBetween(a, b))) {
            return;
        }
        String subject = a + "<->" + b;
        InstanceView va = context.instance(a);
        InstanceView vb = context.instance(b);
        if (out.unread(a, b, subject, "endpoints", va.facts().endpoints())
                || out.unread(b, a, subject, "endpoints", vb.facts().endpoints())) {
            return;
        }
        if (va.endpoint().isEmpty() || vb.endpoint().isEmpty()) {
            out.notApplicable(a, b, subject, (va.endpoint().isEmpty() ? a : b) + " has no mirroring endpoint"
                    + " (see endpoint-present)");
            return;
        }
        MirroringEndpoint ea = va.endpoint().get();
        MirroringEndpoint eb = vb.endpoint().get();
        EndpointEncryption xa;
        EndpointEncryption xb;
        try {
            xa = ea.encryption();
            xb = eb.encryption();
        } catch (IllegalArgumentException e) {
            out.error(a, b, subject, "unknown encryption_algorithm value: " + e.getMessage());
            return;
        }
        Evidence ev = Evidence.of(a + ": " + xa.ddl() + "; " + b + ": " + xb.ddl(),
                "both encrypt with a common algorithm (or neither requires encryption)");
        String problem = incompatibility(xa, xb);
        if (problem == null) {
            out.pass(a, b, subject, a + " and " + b + " endpoints can agree on encryption", ev);
        } else {
            out.fail(a, b, subject, a + " (" + xa.ddl() + ") and " + b + " (" + xb.ddl() + ") cannot connect: "
                    + problem, ev);
        }
    }

    /** Null when the two settings can connect. */
    static String incompatibility(EndpointEncryption a, EndpointEncryption b) {
        boolean aOff = a.mode() == EndpointEncryption.Mode.DISABLED;
        boolean bOff = b.mode() == EndpointEncryption.Mode.DISABLED;
        if (aOff || bOff) {
            if (a.mode() == EndpointEncryption.Mode.REQUIRED || b.mode() == EndpointEncryption.Mode.REQUIRED) {
                return "one side DISABLES encryption, the other REQUIRES it";
            }
            return null;
        }
        List<String> common = new ArrayList<>(a.algorithms());
        common.retainAll(b.algorithms());
        return common.isEmpty() ? "no common algorithm (" + a.algorithms() + " vs " + b.algorithms() + ")" : null;
    }
}
