package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.RemediationPlanner;
import java.util.List;

/** The explicit list of fixes, one per rule: the whole set of things remediation can ever do. */
public final class BuiltInFixes {
    private BuiltInFixes() {}

    public static List<Fix> all() {
        return List.of(
                new ProtectMasterKeyFix(),
                new BackupCertificateFix(),
                new InstallPeerTrustFix(),
                new MapPeerCertificateOwnerFix(),
                new GrantPeerConnectFix(),
                new StartEndpointFix(),
                new EndpointEncryptionFix.Required(),
                new EndpointEncryptionFix.AesOnly(),
                new RevokePublicConnectFix(),
                new StaleTrustCleanupFix(),
                new GrantSeedingFix(),
                new ReplicaEndpointUrlFix());
    }

    /** A planner over every built-in fix. */
    public static RemediationPlanner planner() {
        return new RemediationPlanner(all());
    }
}
