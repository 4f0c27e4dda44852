package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.MirroringConnection;
import java.util.List;

@RuleInfo(
        id = MirroringConnectionsEncrypted.ID,
        title = "Live mirroring connections are encrypted",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        rationale = "The endpoint settings say what may happen; sys.dm_db_mirroring_connections shows what does: a"
                + " connection with encryption_algorithm 0 carries the log stream in clear text.",
        remediation = "Require encryption on both endpoints (ENCRYPTION = REQUIRED ALGORITHM AES); connections"
                + " re-establish encrypted.",
        procedureStep = "Outbound step 3: endpoint encryption, verified on the wire",
        references = {Refs.DM_CONNECTIONS, Refs.TRANSPORT_SECURITY})
@PassRequires({FactSection.ENDPOINTS, FactSection.CONNECTIONS})
public final class MirroringConnectionsEncrypted extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "mirroring-connections-encrypted";

    private static final int CLOSED = 5;

    @Override
    protected String baseSubject(String instance) {
        return instance + "/connections";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        if (out.unread(n, null, baseSubject(n), "connections", v.facts().connections())) {
            return;
        }
        List<MirroringConnection> live = v.facts().connections().value().stream()
                .filter(c -> c.state() == null || c.state() != CLOSED).toList();
        if (live.isEmpty()) {
            out.notApplicable(n, null, baseSubject(n), n + " has no live mirroring connection");
            return;
        }
        for (MirroringConnection c : live) {
            String who = c.address() != null ? c.address() : c.principalName() != null ? c.principalName()
                    : String.valueOf(c.connectionId());
            String subject = n + "/connection/" + (c.accepted() ? "in/" : "out/") + who;
            Evidence ev = Evidence.of("encryption_algorithm " + c.encryptionAlgorithm() + " "
                    + c.encryptionAlgorithmDesc(), "encryption_algorithm other than 0 (NONE)")
                    .with("connectionId", c.connectionId()).with("principal", c.principalName());
            if (c.encryptionAlgorithm() == 0) {
                out.fail(n, null, subject, "mirroring connection " + (c.accepted() ? "from " : "to ") + who + " on " + n
                        + " is not encrypted", ev);
            } else {
                out.pass(n, null, subject, "mirroring connection " + (c.accepted() ? "from " : "to ") + who
                        + " is encrypted (" + c.encryptionAlgorithmDesc() + ")", ev);
            }
        }
    }
}
