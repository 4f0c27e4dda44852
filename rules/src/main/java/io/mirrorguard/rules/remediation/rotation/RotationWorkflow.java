package io.mirrorguard.rules.remediation.rotation;

import io.mirrorguard.rules.model.AvailabilityReplica;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.DatabasePrincipal;
import io.mirrorguard.rules.model.EndpointAuthentication;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroredDatabase;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.remediation.FixContext;
import io.mirrorguard.rules.remediation.RemediationAction;
import io.mirrorguard.rules.remediation.Risk;
import io.mirrorguard.rules.remediation.TSql;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Certificate rotation for one instance X and all its peers, as a staged workflow whose state is the fleet itself:
 * create the new certificate on X; install its public part on every peer under the user that owns X's current
 * certificate there (so the existing login and CONNECT keep applying); once every peer trusts both, switch X's
 * endpoint (disruptive); once sessions are healthy, drop the old copies on the peers and the old certificate on X.
 * Each call looks at a fresh snapshot and returns only the next step.
 */
public final class RotationWorkflow {

    private static final DateTimeFormatter SQL_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String RULE = "endpoint-certificate-rotation";

    public RotationStep next(FixContext ctx, RotationRequest req) {
        String x = req.instance();
        Optional<InstanceFacts> facts = ctx.instance(x);
        Optional<MirroringEndpoint> ep = ctx.endpoint(x);
        if (facts.isEmpty() || ep.isEmpty() || !facts.get().certificates().isRead()) {
            return blocked("the endpoint and certificates of " + x + " were not read");
        }
        Optional<Certificate> current = ctx.endpointCertificate(x);
        Optional<Certificate> fresh = ctx.certificates(x).stream()
                .filter(c -> c.name().equalsIgnoreCase(req.newCertificateName())).findFirst();
        boolean switched = current.isPresent() && current.get().name().equalsIgnoreCase(req.newCertificateName());

        if (fresh.isEmpty()) {
            if (current.isEmpty()) {
                return blocked(x + "'s endpoint does not authenticate with a certificate: nothing to rotate");
            }
            return new RotationStep(RotationStage.CREATE_CERTIFICATE, List.of(action(x, null, Risk.SAFE, 10,
                    "create the new endpoint certificate " + req.newCertificateName() + " on " + x,
                    List.of("CREATE CERTIFICATE " + TSql.name(req.newCertificateName()) + " WITH SUBJECT = "
                            + TSql.literal(req.subject()) + ", START_DATE = '" + SQL_DATE.format(req.startDate())
                            + "', EXPIRY_DATE = '" + SQL_DATE.format(req.expiryDate()) + "';"),
                    List.of("DROP CERTIFICATE " + TSql.name(req.newCertificateName()) + ";"))),
                    "the new certificate is created first; peers learn it in the next step");
        }
        Certificate next = fresh.get();
        if (next.details() == null || next.details().derBase64() == null) {
            return blocked("the bytes of " + next.name() + " on " + x + " were not read (CERTENCODED)");
        }

        List<RemediationAction> installs = new ArrayList<>();
        for (String peer : ctx.peersOf(x)) {
            if (ctx.instance(peer).map(i -> !i.certificates().isRead() || !i.masterPrincipals().isRead()).orElse(true)) {
                return blocked("the certificates and users of peer " + peer + " were not read");
            }
            if (ctx.certificateByThumbprint(peer, next.thumbprint()).isPresent()) {
                continue;
            }
            Optional<DatabasePrincipal> owner = switched ? Optional.empty() : current
                    .flatMap(c -> ctx.certificateByThumbprint(peer, c.thumbprint()))
                    .flatMap(copy -> ctx.masterPrincipal(peer, copy.principalId()));
            if (owner.isEmpty()) {
                return blocked("peer " + peer + " holds no mapped copy of " + x
                        + "'s current certificate: install trust for the link first");
            }
            String copyName = freeName(ctx, peer, next.name());
            installs.add(action(peer, x, Risk.SAFE, 20,
                    "install " + x + "'s new certificate on " + peer + " under " + owner.get().name(),
                    List.of("CREATE CERTIFICATE " + TSql.name(copyName) + " AUTHORIZATION "
                            + TSql.name(owner.get().name()) + " FROM BINARY = "
                            + TSql.binary(Base64.getDecoder().decode(next.details().derBase64())) + ";"),
                    List.of("DROP CERTIFICATE " + TSql.name(copyName) + ";")));
        }
        if (!installs.isEmpty()) {
            return new RotationStep(RotationStage.INSTALL_ON_PEERS, installs,
                    "every peer must trust the new key before " + x + " switches, or its new connections fail");
        }

        if (!switched) {
            EndpointAuthentication auth = ep.get().authentication();
            return new RotationStep(RotationStage.SWITCH_ENDPOINT, List.of(action(x, null, Risk.DISRUPTIVE, 30,
                    "switch " + ep.get().name() + " to certificate " + next.name(),
                    List.of("ALTER ENDPOINT " + TSql.name(ep.get().name()) + " FOR DATABASE_MIRRORING (AUTHENTICATION = "
                            + authenticationClause(auth, next.name()) + ");"),
                    List.of("ALTER ENDPOINT " + TSql.name(ep.get().name()) + " FOR DATABASE_MIRRORING (AUTHENTICATION = "
                            + authenticationClause(auth, current.map(Certificate::name).orElseThrow()) + ");"))),
                    "every peer trusts both certificates; the switch restarts the endpoint (maintenance window)");
        }

        Optional<String> unhealthy = unhealthySession(ctx, x);
        if (unhealthy.isPresent()) {
            return new RotationStep(RotationStage.VERIFY_SESSIONS, List.of(), unhealthy.get());
        }

        List<RemediationAction> removals = new ArrayList<>();
        for (Certificate old : ctx.certificates(x)) {
            if (old.hasPrivateKey() && !old.name().equalsIgnoreCase(next.name()) && isPreviousEndpointCert(ctx, x, old)) {
                for (String peer : ctx.peersOf(x)) {
                    ctx.certificateByThumbprint(peer, old.thumbprint()).ifPresent(copy -> removals.add(action(peer, x,
                            Risk.DISRUPTIVE, 40, "drop the old copy " + copy.name() + " of " + x + "'s certificate",
                            List.of("DROP CERTIFICATE " + TSql.name(copy.name()) + ";"), List.of())));
                }
            }
        }
        if (!removals.isEmpty()) {
            return new RotationStep(RotationStage.REMOVE_OLD, removals,
                    "sessions are healthy on the new certificate; old public copies no longer needed");
        }
        return new RotationStep(RotationStage.DONE, List.of(), "rotation of " + x + " complete");
    }

    /** A certificate of X (with private key) that some peer still holds a copy of: the one X used before. */
    private static boolean isPreviousEndpointCert(FixContext ctx, String x, Certificate cert) {
        return ctx.peersOf(x).stream().anyMatch(p -> ctx.certificateByThumbprint(p, cert.thumbprint()).isPresent());
    }

    private static Optional<String> unhealthySession(FixContext ctx, String x) {
        InstanceFacts facts = ctx.instance(x).orElseThrow();
        if (!facts.mirroredDatabases().isRead()) {
            return Optional.of("mirrored databases of " + x + " were not read: cannot verify sessions");
        }
        for (MirroredDatabase seen : facts.mirroredDatabases().value()) {
            MirroredDatabase db = seen;
            if (seen.columnsHidden()) {
                // SQL Server shows a mirror database's mirroring columns only to sysadmin; the principal's row
                // describes the same session (its state includes the mirror's connection), so judge that one.
                Optional<MirroredDatabase> principalRow = principalRowOf(ctx, x, seen.databaseName());
                if (principalRow.isEmpty()) {
                    return Optional.of("the mirroring columns of " + seen.databaseName() + " on " + x + " are visible"
                            + " only to sysadmin and no peer reports itself principal of it: cannot verify its"
                            + " session with this login");
                }
                db = principalRow.get();
            }
            Integer s = db.state();
            if (s == null || !(s == 2 || s == 4)) {
                return Optional.of("session " + db.databaseName() + " on " + x + " is " + db.stateDesc()
                        + ": wait until SYNCHRONIZED/SYNCHRONIZING, then audit again");
            }
            if (db.hasWitness() && !Integer.valueOf(1).equals(db.witnessState())) {
                return Optional.of("witness of " + db.databaseName() + " is " + db.witnessStateDesc());
            }
        }
        // availability replicas: every replica whose state X shows must be connected again on the new certificate
        if (!facts.availabilityReplicas().isRead()) {
            return Optional.of("availability replicas of " + x + " were not read: cannot verify the groups");
        }
        for (AvailabilityReplica r : facts.availabilityReplicas().value()) {
            if (r.disconnected()) {
                return Optional.of("replica " + r.replicaServerName() + " is DISCONNECTED as seen from " + x
                        + (r.lastConnectErrorNumber() == null ? "" : " (error " + r.lastConnectErrorNumber() + ")")
                        + ": wait until it is CONNECTED, then audit again");
            }
        }
        return Optional.empty();
    }

    /** The row of a peer of {@code x} that is principal of the database named {@code database}, if any was read. */
    private static Optional<MirroredDatabase> principalRowOf(FixContext ctx, String x, String database) {
        List<MirroredDatabase> rows = new ArrayList<>();
        for (String peer : ctx.peersOf(x)) {
            ctx.instance(peer).filter(f -> f.mirroredDatabases().isRead()).ifPresent(f -> f.mirroredDatabases().value()
                    .stream()
                    .filter(d -> !d.columnsHidden() && Integer.valueOf(1).equals(d.role())
                            && d.databaseName() != null && d.databaseName().equalsIgnoreCase(database))
                    .forEach(rows::add));
        }
        return rows.stream().filter(d -> x.equalsIgnoreCase(d.partnerInstance())).findFirst()
                .or(() -> rows.size() == 1 ? Optional.of(rows.get(0)) : Optional.empty());
    }

    /**
     * Rotation of several instances at once, such as every replica of an availability group (or both groups of a
     * distributed one): staged across all of them so no replica ever meets a certificate its peers do not trust.
     * New certificates are created everywhere, then installed on every peer, then the endpoints switch one at a
     * time (each restart verified before the next), and only then are old copies dropped.
     */
    public RotationStep nextAcross(FixContext ctx, List<RotationRequest> requests) {
        if (requests.isEmpty()) {
            return blocked("nothing to rotate");
        }
        java.util.Map<RotationStage, List<RotationStep>> byStage = new java.util.EnumMap<>(RotationStage.class);
        for (RotationRequest req : requests) {
            RotationStep s = next(ctx, req);
            if (s.stage() == RotationStage.BLOCKED) {
                return new RotationStep(RotationStage.BLOCKED, List.of(), req.instance() + ": " + s.explanation());
            }
            byStage.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s);
        }
        for (RotationStage stage : List.of(RotationStage.CREATE_CERTIFICATE, RotationStage.INSTALL_ON_PEERS,
                RotationStage.VERIFY_SESSIONS, RotationStage.SWITCH_ENDPOINT, RotationStage.REMOVE_OLD)) {
            List<RotationStep> steps = byStage.get(stage);
            if (steps == null) {
                continue;
            }
            if (stage == RotationStage.VERIFY_SESSIONS) {
                return steps.get(0);
            }
            if (stage == RotationStage.SWITCH_ENDPOINT) {
                return new RotationStep(stage, steps.get(0).actions(), steps.get(0).explanation()
                        + "; one endpoint at a time, " + (steps.size() - 1) + " more to switch after this one");
            }
            List<RemediationAction> actions = new ArrayList<>();
            steps.forEach(s -> actions.addAll(s.actions()));
            return new RotationStep(stage, actions, steps.get(0).explanation());
        }
        return new RotationStep(RotationStage.DONE, List.of(), "rotation of " + requests.size() + " instance(s) complete");
    }

    static String authenticationClause(EndpointAuthentication auth, String certificate) {
        String cert = "CERTIFICATE " + TSql.name(certificate);
        if (!auth.windows()) {
            return cert;
        }
        String windows = "WINDOWS " + auth.windowsMethod();
        return auth.certificateFirst() ? cert + " " + windows : windows + " " + cert;
    }

    private static String freeName(FixContext ctx, String instance, String wanted) {
        boolean taken = ctx.certificates(instance).stream().anyMatch(c -> c.name().equalsIgnoreCase(wanted));
        return taken ? (wanted.length() > 120 ? wanted.substring(0, 120) : wanted) + "_rotated" : wanted;
    }

    private static RemediationAction action(String instance, String peer, Risk risk, int step, String summary,
                                            List<String> sql, List<String> rollback) {
        return new RemediationAction(RULE, instance, peer, instance + "/rotation", risk, step, summary, List.of(),
                sql, rollback, List.of());
    }

    private static RotationStep blocked(String why) {
        return new RotationStep(RotationStage.BLOCKED, List.of(), why);
    }
}
