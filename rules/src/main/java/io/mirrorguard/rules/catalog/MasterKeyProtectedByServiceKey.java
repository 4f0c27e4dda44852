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
        id = MasterKeyProtectedByServiceKey.ID,
        title = "master's master key is encrypted by the service master key",
        severity = Severity.HIGH,
        category = Category.OUTBOUND,
        rationale = "Only a master key encrypted by the service master key opens automatically; otherwise the endpoint"
                + " cannot use its certificate's private key after a restart until someone runs OPEN MASTER KEY.",
        remediation = "USE master; OPEN MASTER KEY DECRYPTION BY PASSWORD = '<password>'; "
                + "ALTER MASTER KEY ADD ENCRYPTION BY SERVICE MASTER KEY;",
        procedureStep = "Outbound step 1: create the database master key in master",
        references = {
            "https://learn.microsoft.com/sql/t-sql/statements/create-master-key-transact-sql",
            "https://learn.microsoft.com/sql/t-sql/statements/alter-master-key-transact-sql"
        })
@PassRequires({FactSection.MASTER_KEY})
public final class MasterKeyProtectedByServiceKey extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "master-key-protected-by-service-key";

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
        Evidence ev = Evidence.of("is_master_key_encrypted_by_server = " + (k.encryptedByServiceMasterKey() ? 1 : 0),
                "is_master_key_encrypted_by_server = 1");
        if (!k.present()) {
            out.notApplicable(n, null, subject, "master has no database master key (see master-key-present)");
        } else if (k.encryptedByServiceMasterKey()) {
            out.pass(n, null, subject, "master's master key is encrypted by the service master key", ev);
        } else {
            out.fail(n, null, subject, "master's master key on " + n + " is not encrypted by the service master key;"
                    + " the endpoint cannot open its certificate after a restart", ev);
        }
    }
}
