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
import io.mirrorguard.rules.model.MirroredDatabase;

@RuleInfo(
        id = MirroringSessionHealthy.ID,
        title = "Mirrored databases are connected and not suspended",
        severity = Severity.MEDIUM,
        category = Category.LINK,
        rationale = "A SUSPENDED or DISCONNECTED session, or a DISCONNECTED witness, is often the first visible"
                + " symptom of broken endpoint trust (expired certificate, missing CONNECT) after a reconnect.",
        remediation = "Fix the failing trust or endpoint rules for the session, then ALTER DATABASE <db> SET PARTNER"
                + " RESUME; read the error log for the handshake error.",
        procedureStep = "After the procedure: the session runs",
        references = {Refs.SYS_DATABASE_MIRRORING, Refs.TROUBLESHOOT})
@PassRequires({FactSection.ENDPOINTS, FactSection.MIRRORED_DATABASES, FactSection.CONNECTIONS})
public final class MirroringSessionHealthy extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "mirroring-session-healthy";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/databases";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        if (out.unread(n, null, baseSubject(n), "mirroredDatabases", v.facts().mirroredDatabases())) {
            return;
        }
        if (v.facts().mirroredDatabases().value().isEmpty()) {
            out.notApplicable(n, null, baseSubject(n), n + " has no mirrored database");
            return;
        }
        for (MirroredDatabase db : v.facts().mirroredDatabases().value()) {
            String subject = n + "/database/" + db.databaseName();
            if (db.columnsHidden()) {
                var session = HiddenMirrorRows.sessionOf(context, n, db);
                if (session.isPresent()) {
                    out.notApplicable(n, session.get().principal(), subject, HiddenMirrorRows.hidden(n, db) + "; "
                            + session.get().principal() + "'s sys.database_mirroring names " + n + " its mirror, so"
                            + " the session is judged on the principal " + session.get().principal());
                } else {
                    out.error(n, null, subject, HiddenMirrorRows.hidden(n, db) + ", and no audited principal or witness names "
                            + n + " as the mirror of [" + db.databaseName() + "]: its session state is unknown");
                }
                continue;
            }
            if (db.state() == null) {
                out.error(n, null, subject, "mirroring_state of [" + db.databaseName() + "] is NULL (on a mirror only"
                        + " sysadmin sees it)");
                continue;
            }
            Evidence ev = Evidence.of("mirroring_state " + db.stateDesc() + ", witness "
                    + (db.hasWitness() ? db.witnessStateDesc() : "none"), "not SUSPENDED/DISCONNECTED, witness not"
                    + " DISCONNECTED").with("role", db.roleDesc());
            if (db.state() == 0 || db.state() == 1) {
                out.fail(n, null, subject, "[" + db.databaseName() + "] on " + n + " is " + db.stateDesc(), ev);
            } else if (db.hasWitness() && db.witnessState() != null && db.witnessState() == 2) {
                out.fail(n, null, subject, "the witness of [" + db.databaseName() + "] on " + n + " is DISCONNECTED", ev);
            } else {
                out.pass(n, null, subject, "[" + db.databaseName() + "] is " + db.stateDesc(), ev);
            }
        }
    }
}
