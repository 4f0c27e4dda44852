package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.DatabasePrincipal;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.ServerPrincipal;
import io.mirrorguard.rules.topology.Topology.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inbound steps on L for R (L <- R), computed once per direction and shared by the trust rules, the
 * witness rule, stale-endpoint-trust and the TrustStatus metrics.
 *
 * @param peerCertificate R's endpoint certificate, null when unknown or absent
 * @param login           the login on L that R's certificate maps to, null when the chain breaks before it
 */
public record TrustChain(Direction direction, Certificate peerCertificate, Certificate localCopy,
                         ServerPrincipal login, TrustStep installed, TrustStep ownerMapped, TrustStep connectGranted,
                         TrustStep privateKeyAbsent) {

    public static final String INSTALLED = "peer-certificate-installed";
    public static final String OWNER_MAPPED = "peer-certificate-owner-mapped";
    public static final String CONNECT = "peer-login-connect-granted";
    public static final String PRIVATE_KEY_ABSENT = "peer-certificate-private-key-absent";

    public String subject() {
        return direction.toString();
    }

    public boolean complete() {
        return installed.outcome() == Outcome.PASS && ownerMapped.outcome() == Outcome.PASS
                && connectGranted.outcome() == Outcome.PASS;
    }

    /** A step failed or its precondition does not hold: trust is known to be missing. */
    public boolean broken() {
        for (TrustStep s : List.of(installed, ownerMapped, connectGranted)) {
            if (s.outcome() == Outcome.FAIL || s.outcome() == Outcome.NOT_APPLICABLE) {
                return true;
            }
        }
        return false;
    }

    /** Nothing failed, but a step could not be checked. */
    public boolean unknown() {
        return !complete() && !broken();
    }

    /** Missing or unchecked steps: the rule id, with the reason. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        add(missing, INSTALLED, installed);
        add(missing, OWNER_MAPPED, ownerMapped);
        add(missing, CONNECT, connectGranted);
        return missing;
    }

    private static void add(List<String> missing, String id, TrustStep step) {
        switch (step.outcome()) {
            case PASS -> { }
            case ERROR -> missing.add(id + " (unknown: " + step.message() + ")");
            default -> missing.add(id + " (" + step.message() + ")");
        }
    }

    public TrustStatus status() {
        return new TrustStatus(direction.trusting(), direction.trusted(), complete(), missing());
    }

    /** Walks certificate -> owner user -> login -> CONNECT on L for R's endpoint certificate. */
    static TrustChain compute(Direction d, InstanceView l, InstanceView r) {
        String rn = r.name();
        String ln = l.name();
        InstanceFacts rf = r.facts();
        String rGap = null;
        if (!rf.collection().succeeded()) {
            rGap = rn + " could not be audited (" + rf.collection().failure()
                    + (rf.collection().reason() == null ? "" : ": " + rf.collection().reason()) + ")";
        } else if (!rf.endpoints().isRead()) {
            rGap = rn + " endpoints not read (" + rf.endpoints().describeGap() + ")";
        } else if (!rf.certificates().isRead()) {
            rGap = rn + " certificates not read (" + rf.certificates().describeGap() + ")";
        }
        if (rGap != null) {
            TrustStep e = TrustStep.error(rGap);
            return new TrustChain(d, null, null, null, e, e, e, e);
        }
        Optional<MirroringEndpoint> rEp = r.endpoint();
        String noCert = null;
        if (rEp.isEmpty()) {
            noCert = rn + " has no mirroring endpoint, so no endpoint certificate to trust";
        } else if (rEp.get().certificateId() == 0) {
            noCert = rn + "'s endpoint does not authenticate with a certificate";
        } else if (r.endpointCertificate().isEmpty()) {
            noCert = rn + "'s endpoint certificate (certificate_id " + rEp.get().certificateId() + ") is missing on " + rn;
        }
        if (noCert != null) {
            TrustStep na = TrustStep.notApplicable(noCert);
            return new TrustChain(d, null, null, null, na, na, na, na);
        }
        Certificate peerCert = r.endpointCertificate().get();
        String thumb = InstanceView.normalizeHex(peerCert.thumbprint());
        if (!l.facts().certificates().isRead()) {
            TrustStep e = TrustStep.error(ln + " certificates not read (" + l.facts().certificates().describeGap() + ")");
            return new TrustChain(d, peerCert, null, null, e, e, e, e);
        }
        List<Certificate> copies = l.certificatesWithThumbprint(thumb);
        Evidence expectedCert = new Evidence(null, "a certificate in " + ln + " master with thumbprint " + thumb,
                null).with("peerCertificate", peerCert.name()).with("thumbprint", thumb);
        if (copies.isEmpty()) {
            TrustStep fail = TrustStep.fail(ln + " has no copy of " + rn + "'s endpoint certificate [" + peerCert.name()
                    + "] (thumbprint " + thumb + ")", new Evidence("no certificate with that thumbprint",
                    expectedCert.expected(), expectedCert.facts()));
            TrustStep na = TrustStep.notApplicable(ln + " has no copy of " + rn + "'s endpoint certificate");
            return new TrustChain(d, peerCert, null, null, fail, na, na, na);
        }
        TrustChain best = null;
        for (Certificate copy : copies) {
            TrustChain c = fromCopy(d, l, rn, peerCert, copy, expectedCert);
            if (best == null || c.rank() > best.rank()) {
                best = c;
            }
        }
        return best;
    }

    private int rank() {
        int n = 0;
        for (TrustStep s : List.of(installed, ownerMapped, connectGranted, privateKeyAbsent)) {
            n += s.outcome() == Outcome.PASS ? 1 : 0;
        }
        return n;
    }

    private static TrustChain fromCopy(Direction d, InstanceView l, String rn, Certificate peerCert, Certificate copy,
                                       Evidence expectedCert) {
        String ln = l.name();
        TrustStep installed = TrustStep.pass(ln + " holds " + rn + "'s endpoint certificate as [" + copy.name() + "]",
                new Evidence("certificate [" + copy.name() + "] (certificate_id " + copy.certificateId() + ")",
                        expectedCert.expected(), expectedCert.facts()));
        TrustStep pk = copy.hasPrivateKey()
                ? TrustStep.fail(ln + "'s copy [" + copy.name() + "] of " + rn + "'s certificate carries a private key",
                        Evidence.of("pvt_key_encryption_type " + copy.pvtKeyEncryptionType(), "NA (public key only)")
                                .with("certificate", copy.name()))
                : TrustStep.pass(ln + "'s copy [" + copy.name() + "] of " + rn + "'s certificate has no private key",
                        Evidence.of("pvt_key_encryption_type NA", "NA (public key only)").with("certificate", copy.name()));
        String ownerGap = null;
        if (!l.facts().masterPrincipals().isRead()) {
            ownerGap = ln + " masterPrincipals not read (" + l.facts().masterPrincipals().describeGap() + ")";
        } else if (!l.facts().serverPrincipals().isRead()) {
            ownerGap = ln + " serverPrincipals not read (" + l.facts().serverPrincipals().describeGap() + ")";
        }
        if (ownerGap != null) {
            TrustStep e = TrustStep.error(ownerGap);
            return new TrustChain(d, peerCert, copy, null, installed, e, e, pk);
        }
        String expectedOwner = "owned by a master user mapped by SID to a login";
        Optional<DatabasePrincipal> user = l.masterPrincipal(copy.principalId());
        TrustStep ownerStep;
        ServerPrincipal login = null;
        if (user.isEmpty()) {
            ownerStep = TrustStep.fail("[" + copy.name() + "] on " + ln + " is owned by principal_id " + copy.principalId()
                    + ", which is no master user", Evidence.of("owner principal_id " + copy.principalId(), expectedOwner)
                    .with("certificate", copy.name()));
        } else {
            DatabasePrincipal u = user.get();
            Optional<ServerPrincipal> mapped = l.loginOf(u);
            if (mapped.isEmpty()) {
                boolean withoutLogin = u.authenticationType() != null && u.authenticationType() == 0;
                ownerStep = TrustStep.fail("[" + copy.name() + "] on " + ln + " is owned by user [" + u.name() + "], "
                        + (withoutLogin ? "a user WITHOUT LOGIN" : "whose SID matches no login"),
                        Evidence.of("owner [" + u.name() + "] " + (withoutLogin ? "WITHOUT LOGIN" : "sid " + u.sid()
                                + " has no login"), expectedOwner).with("certificate", copy.name()).with("owner", u.name()));
            } else {
                login = mapped.get();
                ownerStep = TrustStep.pass("[" + copy.name() + "] on " + ln + " is owned by [" + u.name()
                        + "] mapped to login [" + login.name() + "]", Evidence.of("owner [" + u.name() + "] -> login ["
                        + login.name() + "]", expectedOwner).with("certificate", copy.name()).with("owner", u.name())
                        .with("login", login.name()));
            }
        }
        if (login == null) {
            TrustStep na = TrustStep.notApplicable("no login on " + ln + " stands for " + rn + "'s certificate");
            return new TrustChain(d, peerCert, copy, null, installed, ownerStep, na, pk);
        }
        TrustStep connect;
        InstanceFacts lf = l.facts();
        if (!lf.endpoints().isRead()) {
            connect = TrustStep.error(ln + " endpoints not read (" + lf.endpoints().describeGap() + ")");
        } else if (!lf.serverPermissions().isRead()) {
            connect = TrustStep.error(ln + " serverPermissions not read (" + lf.serverPermissions().describeGap() + ")");
        } else if (!lf.serverRoleMembers().isRead()) {
            connect = TrustStep.error(ln + " serverRoleMembers not read (" + lf.serverRoleMembers().describeGap() + ")");
        } else if (l.endpoint().isEmpty()) {
            connect = TrustStep.notApplicable(ln + " has no mirroring endpoint to grant CONNECT on");
        } else {
            MirroringEndpoint ep = l.endpoint().get();
            InstanceView.ConnectAccess access = l.connectAccess(login, ep);
            Evidence ev = Evidence.of(access.how(), "CONNECT on ENDPOINT::[" + ep.name() + "] granted to ["
                    + login.name() + "], not denied").with("login", login.name()).with("endpoint", ep.name());
            connect = access.allowed()
                    ? TrustStep.pass("[" + login.name() + "] may connect to " + ln + "'s endpoint: " + access.how(), ev)
                    : TrustStep.fail("[" + login.name() + "] (for " + rn + ") may not connect to " + ln
                            + "'s endpoint [" + ep.name() + "]: " + access.how(), ev);
        }
        return new TrustChain(d, peerCert, copy, login, installed, ownerStep, connect, pk);
    }
}
