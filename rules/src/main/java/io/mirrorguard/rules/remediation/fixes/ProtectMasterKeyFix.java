package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.MasterKeyProtectedByServiceKey;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.Placeholder;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import java.util.List;

/**
 * Adds service-master-key encryption to master's database master key, so the endpoint can open its certificate
 * after a restart. Needs the master key password, which only the executor knows (secret masterKeyPassword).
 */
public final class ProtectMasterKeyFix implements Fix {

    public static final String SECRET = "masterKeyPassword";

    @Override
    public String ruleId() {
        return MasterKeyProtectedByServiceKey.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) {
        return List.of(new RemediationAction(ruleId(), f.instance(), null, f.subject(), Risk.SAFE, Steps.MASTER_KEY,
                "protect master's database master key with the service master key",
                List.of("the master key password is configured as secret " + SECRET),
                List.of("OPEN MASTER KEY DECRYPTION BY PASSWORD = N'" + Placeholder.secret(SECRET) + "';",
                        "ALTER MASTER KEY ADD ENCRYPTION BY SERVICE MASTER KEY;",
                        "CLOSE MASTER KEY;"),
                List.of("ALTER MASTER KEY DROP ENCRYPTION BY SERVICE MASTER KEY;"),
                List.of(FixSupport.postState(ruleId(), f.instance(), null))));
    }
}
