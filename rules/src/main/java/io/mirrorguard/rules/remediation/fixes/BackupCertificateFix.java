package io.mirrorguard.rules.remediation.fixes;

import io.mirrorguard.rules.catalog.EndpointCertificateBackedUp;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.remediation.Fix;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.Placeholder;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.util.List;

/**
 * Outbound step 4 for the private key: BACKUP CERTIFICATE with its private key to the configured directory on the
 * server, encrypted with the configured backup password (secret backupPassword).
 */
public final class BackupCertificateFix implements Fix {

    public static final String SECRET = "backupPassword";

    @Override
    public String ruleId() {
        return EndpointCertificateBackedUp.ID;
    }

    @Override
    public List<RemediationAction> plan(Finding f, FixContext ctx) throws CannotFix {
        String dir = ctx.options().backupDirectory();
        if (dir == null || dir.isBlank()) {
            throw new CannotFix("no backup directory configured (remediation.backupPath)");
        }
        Certificate cert = ctx.endpointCertificate(f.instance())
                .orElseThrow(() -> new CannotFix("the endpoint certificate of " + f.instance() + " was not read"));
        String sep = dir.contains("\\") && !dir.contains("/") ? "\\" : "/";
        String base = dir.endsWith(sep) ? dir : dir + sep;
        String file = base + fileSafe(f.instance()) + "_" + fileSafe(cert.name());
        return List.of(new RemediationAction(ruleId(), f.instance(), null, f.subject(), Risk.SAFE, Steps.BACKUP,
                "back up certificate " + cert.name() + " with its private key to " + base,
                List.of("directory " + base + " exists on the server and is writable by the service account",
                        "the backup password is configured as secret " + SECRET),
                List.of("BACKUP CERTIFICATE " + TSql.name(cert.name()) + " TO FILE = " + TSql.literal(file + ".cer")
                        + " WITH PRIVATE KEY (FILE = " + TSql.literal(file + ".pvk")
                        + ", ENCRYPTION BY PASSWORD = N'" + Placeholder.secret(SECRET) + "');"),
                List.of(),
                List.of(FixSupport.postState(ruleId(), f.instance(), null))));
    }

    /** File names derived from names: keep letters, digits, dot, dash and underscore. */
    private static String fileSafe(String s) {
        return s.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    }
}
