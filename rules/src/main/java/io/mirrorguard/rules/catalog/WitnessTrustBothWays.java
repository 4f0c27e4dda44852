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
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.topology.Link;
import java.util.ArrayList;
import java.util.List;

@RuleInfo(
        id = WitnessTrustBothWays.ID,
        title = "Witness and partners trust each other both ways",
        severity = Severity.CRITICAL,
        category = Category.LINK,
        rationale = "The witness needs logins, users, certificates and CONNECT for both partners, and each partner for"
                + " the witness; a one-sided setup lets SET WITNESS fail or automatic failover lose quorum.",
        remediation = "Run the inbound steps for the witness on each partner and for each partner on the witness.",
        procedureStep = "Inbound steps 1-5 for the witness on both partners and for both partners on the witness",
        references = {Refs.INBOUND, Refs.USE_CERTIFICATES, Refs.EXAMPLE})
@PassRequires(value = {
        FactSection.CERTIFICATES, FactSection.ENDPOINTS, FactSection.SERVER_PRINCIPALS,
        FactSection.MASTER_PRINCIPALS, FactSection.SERVER_ROLE_MEMBERS, FactSection.SERVER_PERMISSIONS}, alsoOnPeer = true)
public final class WitnessTrustBothWays implements PerLink {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "witness-trust-both-ways";

    @Override
    public void evaluate(Link link, EvaluationContext context, Emitter out) {
        if (link.role() != LinkRole.WITNESS) {
            return;
        }
        String w = link.a();
        String p = link.b();
        String subject = w + "<->" + p;
        List<TrustChain> chains = List.of(context.trust(w, p), context.trust(p, w));
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (TrustChain c : chains) {
            if (c.broken()) {
                missing.add(c.subject() + ": " + String.join("; ", c.missing()));
            } else if (c.unknown()) {
                unknown.add(c.subject() + ": " + String.join("; ", c.missing()));
            }
        }
        Evidence ev = new Evidence(missing.isEmpty() && unknown.isEmpty() ? "trust complete both ways"
                : String.join(" | ", missing.isEmpty() ? unknown : missing),
                "complete trust " + w + "<-" + p + " and " + p + "<-" + w, null)
                .with("witness", w).with("partner", p);
        if (!missing.isEmpty()) {
            out.fail(w, p, subject, "witness " + w + " and partner " + p + " lack trust: "
                    + String.join(", ", missing.stream().map(m -> m.substring(0, m.indexOf(':'))).toList()), ev);
        } else if (!unknown.isEmpty()) {
            out.error(w, p, subject, "trust between witness " + w + " and partner " + p + " could not be checked: "
                    + String.join(" | ", unknown));
        } else {
            out.pass(w, p, subject, "witness " + w + " and partner " + p + " trust each other both ways", ev);
        }
    }
}
