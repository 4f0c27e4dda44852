package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Listing;
import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

@RuleInfo(
        id = StaleEndpointTrust.ID,
        title = "No leftover logins or certificates can use the endpoint",
        severity = Severity.LOW,
        category = Category.SECURITY,
        rationale = "Logins granted CONNECT for former peers and old public certificates left after a rotation still"
                + " open the endpoint to whoever holds the matching private key.",
        remediation = "REVOKE CONNECT ON ENDPOINT::<endpoint> FROM [<old login>]; DROP CERTIFICATE <old copy>; once every"
                + " link is healthy on the new certificate.",
        procedureStep = "Certificate rotation, last step: drop the old certificates and grants",
        references = {Refs.INBOUND, Refs.GRANT_ENDPOINT, Refs.CREATE_CERTIFICATE})
@PassRequires({
        FactSection.CERTIFICATES, FactSection.ENDPOINTS, FactSection.SERVER_PRINCIPALS,
        FactSection.MASTER_PRINCIPALS, FactSection.SERVER_ROLE_MEMBERS, FactSection.SERVER_PERMISSIONS,
        FactSection.MIRRORED_DATABASES, FactSection.WITNESS_ROLES, FactSection.AVAILABILITY_REPLICAS})
public final class StaleEndpointTrust extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "stale-endpoint-trust";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/endpoint-trust";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        String base = baseSubject(n);
        MirroringEndpoint ep = endpointOrReport(v, out, base);
        if (ep == null) {
            return;
        }
        if (out.unread(n, null, base, "serverPermissions", v.facts().serverPermissions(),
                "serverPrincipals", v.facts().serverPrincipals(), "serverRoleMembers", v.facts().serverRoleMembers(),
                "certificates", v.facts().certificates(), "masterPrincipals", v.facts().masterPrincipals())) {
            return;
        }
        Set<Integer> peerLogins = new HashSet<>();
        Set<String> peerThumbprints = new HashSet<>();
        List<String> unknownPeers = new ArrayList<>();
        // Peers whose trust is incomplete: a leftover cannot be told from their half-built trust, so it is not judged.
        List<String> incompletePeers = new ArrayList<>();
        for (String peer : context.topology().peersOf(n)) {
            TrustChain c = context.trust(n, peer);
            if (c.login() != null) {
                peerLogins.add(c.login().principalId());
            } else if (c.installed().outcome() == Outcome.ERROR || c.ownerMapped().outcome() == Outcome.ERROR) {
                unknownPeers.add(peer);
            } else {
                incompletePeers.add(peer);
            }
            if (c.peerCertificate() != null) {
                peerThumbprints.add(InstanceView.normalizeHex(c.peerCertificate().thumbprint()));
            }
        }
        // A partner, witness or replica address that matches no audited instance is a peer nobody can name: any
        // grant or certificate may be its trust, so none is called a leftover while it is unresolved.
        context.topology().addressesReportedBy(n).stream()
                .filter(r -> !r.resolved())
                .map(r -> r.address())
                .distinct()
                .forEach(unknownPeers::add);
        // An unread or uncollected instance is still a peer: its login and certificate are unknown, so any grant may be
        // its trust (issue: a healthy mirror called four grants stale while its principal and witness were unread).
        // They are asked for only when a grant or certificate is no known peer's: a verdict that never needed them
        // does not depend on them, so an instance elsewhere failing to collect does not re-judge every instance.
        Supplier<List<String>> unknown = new Supplier<>() {
            private List<String> all;

            @Override
            public List<String> get() {
                if (all == null) {
                    all = new ArrayList<>(unknownPeers);
                    all.addAll(context.unreadPossiblePeers(n));
                }
                return all;
            }
        };
        int reported = 0;
        for (ServerPermission p : v.facts().serverPermissions().value()) {
            if (!p.isConnectOn(ep.endpointId()) || !p.granted()
                    || p.granteePrincipalId() == InstanceView.PUBLIC_ROLE_ID) {
                continue;
            }
            reported++;
            String grantee = p.granteeName() != null ? p.granteeName()
                    : v.serverPrincipal(p.granteePrincipalId()).map(ServerPrincipal::name).orElse("#" + p.granteePrincipalId());
            String subject = n + "/endpoint/" + ep.name() + "/connect/" + grantee;
            if (v.isServerRole(p.granteePrincipalId())) {
                judgeRoleGrant(v, out, p, grantee, subject, ep, context, peerLogins, unknown, incompletePeers);
                continue;
            }
            Evidence ev = Evidence.of("CONNECT " + p.stateDesc() + " to [" + grantee + "]",
                    "CONNECT only for the logins of current peers " + context.topology().peersOf(n));
            if (peerLogins.contains(p.granteePrincipalId())) {
                out.pass(n, null, subject, "[" + grantee + "] holds CONNECT as a current peer's login", ev);
            } else if (!unknown.get().isEmpty()) {
                out.error(n, null, subject, "cannot tell whether [" + grantee + "] is a current peer's login: "
                        + Listing.brief(unknown.get()) + " could not be checked");
            } else if (!incompletePeers.isEmpty()) {
                out.notApplicable(n, null, subject, "[" + grantee + "] is not judged while trust for "
                        + incompletePeers + " is incomplete (see the peer-* rules)");
            } else {
                out.fail(n, null, subject, "[" + grantee + "] holds CONNECT on endpoint [" + ep.name() + "] of " + n
                        + " but is no current peer's login", ev);
            }
        }
        for (Certificate c : v.facts().certificates().value()) {
            // System (##MS_...##) and the endpoint's own certificate are no peer certificates.
            if (c.hasPrivateKey() || c.thumbprint() == null || c.name().startsWith("##")
                    || c.certificateId() == ep.certificateId()) {
                continue;
            }
            Optional<ServerPrincipal> login = v.masterPrincipal(c.principalId()).flatMap(v::loginOf);
            if (login.isEmpty() || !v.connectAccess(login.get(), ep).byGrant()) {
                continue;
            }
            reported++;
            String subject = n + "/certificate/" + c.name();
            String thumb = InstanceView.normalizeHex(c.thumbprint());
            Evidence ev = Evidence.of("[" + c.name() + "] thumbprint " + thumb + " owned for login [" + login.get().name()
                    + "]", "the thumbprint of a current peer's endpoint certificate").with("certificate", c.name());
            if (peerThumbprints.contains(thumb)) {
                out.pass(n, null, subject, "[" + c.name() + "] is a current peer's endpoint certificate", ev);
            } else if (!unknown.get().isEmpty()) {
                out.error(n, null, subject, "cannot tell whether [" + c.name() + "] is a current peer certificate: "
                        + Listing.brief(unknown.get()) + " could not be checked");
            } else if (!incompletePeers.isEmpty()) {
                out.notApplicable(n, null, subject, "[" + c.name() + "] is not judged while trust for "
                        + incompletePeers + " is incomplete (see the peer-* rules)");
            } else {
                out.fail(n, null, subject, "[" + c.name() + "] on " + n + " lets login [" + login.get().name()
                        + "] connect but is no current peer's endpoint certificate", ev);
            }
        }
        if (reported == 0) {
            out.notApplicable(n, null, base, "no login holds CONNECT on endpoint [" + ep.name() + "] and no peer"
                    + " certificate can use it");
        }
    }

    /**
     * A grant to a user-defined server role reaches its members (SQL Server checks the login's effective permission),
     * so the role is a leftover only through members that are no current peer's login.
     */
    private static void judgeRoleGrant(InstanceView v, Emitter out, ServerPermission p, String role, String subject,
                                       MirroringEndpoint ep, EvaluationContext context, Set<Integer> peerLogins,
                                       Supplier<List<String>> unknownPeers, List<String> incompletePeers) {
        String n = v.name();
        List<String> members = new ArrayList<>();
        List<String> outsiders = new ArrayList<>();
        for (ServerPrincipal m : v.loginsInRole(p.granteePrincipalId())) {
            members.add(m.name());
            if (!peerLogins.contains(m.principalId())) {
                outsiders.add(m.name());
            }
        }
        Evidence ev = Evidence.of("CONNECT " + p.stateDesc() + " to server role [" + role + "], members " + members,
                "CONNECT only for the logins of current peers " + context.topology().peersOf(n));
        if (outsiders.isEmpty()) {
            out.pass(n, null, subject, members.isEmpty()
                    ? "server role [" + role + "] holds CONNECT but has no member"
                    : "server role [" + role + "] holds CONNECT for current peers' logins only " + members, ev);
        } else if (!unknownPeers.get().isEmpty()) {
            out.error(n, null, subject, "cannot tell whether members " + outsiders + " of server role [" + role
                    + "] are current peers' logins: " + Listing.brief(unknownPeers.get()) + " could not be checked");
        } else if (!incompletePeers.isEmpty()) {
            out.notApplicable(n, null, subject, "server role [" + role + "] is not judged while trust for "
                    + incompletePeers + " is incomplete (see the peer-* rules)");
        } else {
            out.fail(n, null, subject, "server role [" + role + "] holds CONNECT on endpoint [" + ep.name() + "] of "
                    + n + " for " + outsiders + ", no current peer's login", ev);
        }
    }
}
