package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.MasterKey;

@RuleInfo(
        id = MasterKeyPresent.ID,
        title = "master has a database master key",
        severity = Severity.HIGH,
        category = Category.OUTBOUND,
        rationale = "The endpoint certificate's private key is protected by master's database master key; without it"
                + " the certificate cannot be created the documented way or opened.",
        remediation = "USE master; CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<strong password>';",
        procedureStep = "Outbound step 1: create the database master key in master",
        references = {
            "https://learn.microsoft.com/sql/database-engine/database-mirroring/database-mirroring-use-certificates-for-outbound-connections",
            "https://learn.microsoft.com/sql/t-sql/statements/create-master-key-transact-sql"
        })
@PassRequires({FactSection.MASTER_KEY})
public final class MasterKeyPresent extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "master-key-present";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/master-key";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        String subject = baseSubject(n);
        if (out.unread(n, null, subject, "masterKey", v.facts().masterKey())) {
            return;
        }
        MasterKey k = v.facts().masterKey().value();
        if (k.present()) {
            out.pass(n, null, subject, "master has a database master key" + (k.algorithm() == null ? "" : " (" + k.algorithm() + ")"),
                    Evidence.of("##MS_DatabaseMasterKey## present", "##MS_DatabaseMasterKey## present"));
        } else {
            out.fail(n, null, subject, "master on " + n + " has no database master key",
                    Evidence.of("no ##MS_DatabaseMasterKey## in master.sys.symmetric_keys", "##MS_DatabaseMasterKey## present"));
        }
    }
}
