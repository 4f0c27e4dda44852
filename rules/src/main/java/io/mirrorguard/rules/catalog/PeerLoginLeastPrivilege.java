package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.PerDirection;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.TrustChain;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import io.mirrorguard.rules.topology.Topology.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Per direction L <- R of every link (mirroring and AG alike): the login R's certificate authenticates as on L, as
 * the shared {@link TrustChain} found it (certificate owner -> master user -> login by SID). CONNECT SQL is allowed:
 * CREATE LOGIN grants it to every new login, so it is no sign of a shared or privileged login.
 */
@RuleInfo(
        id = PeerLoginLeastPrivilege.ID,
        title = "A peer's certificate authenticates as a dedicated, unprivileged login",
        severity = Severity.CRITICAL,
        category = Category.INBOUND,
        rationale = "Whoever holds the peer's private key connects to the endpoint as the login its certificate maps"
                + " to. That login must be a dedicated one holding only CONNECT on the endpoint; a certificate owned by"
                + " dbo in master maps to the database owner (usually sa) and hands the peer sysadmin.",
        remediation = "On L: create a dedicated login and master user for the peer, ALTER AUTHORIZATION ON"
                + " CERTIFICATE::<peer cert> TO <peer user>, GRANT CONNECT ON ENDPOINT to that login only, and revoke"
                + " anything else it holds.",
        procedureStep = "Inbound steps 1-3: a login and a user dedicated to the peer own the peer's certificate",
        references = {Refs.INBOUND, Refs.CREATE_LOGIN, Refs.GRANT_ENDPOINT})
@PassRequires({
        FactSection.CERTIFICATES, FactSection.ENDPOINTS, FactSection.SERVER_PRINCIPALS,
        FactSection.MASTER_PRINCIPALS, FactSection.SERVER_ROLE_MEMBERS, FactSection.SERVER_PERMISSIONS})
public final class PeerLoginLeastPrivilege implements PerDirection {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "peer-login-least-privilege";

    static final String SA_SID = "01";

    @Override
    public void evaluate(Direction d, EvaluationContext context, Emitter out) {
        TrustChain chain = context.trust(d);
        String l = d.trusting();
        String r = d.trusted();
        ServerPrincipal login = chain.login();
        if (login == null) {
            if (chain.ownerMapped().outcome() == Outcome.ERROR) {
                out.error(l, r, chain.subject(), chain.ownerMapped().message());
            } else {
                out.notApplicable(l, r, chain.subject(), "no login on " + l + " stands for " + r
                        + "'s certificate (see " + TrustChain.INSTALLED + " / " + TrustChain.OWNER_MAPPED + ")");
            }
            return;
        }
        InstanceView lv = context.instance(l);
        InstanceFacts f = lv.facts();
        if (out.unread(l, r, chain.subject(), "serverRoleMembers", f.serverRoleMembers(), "serverPermissions",
                f.serverPermissions(), "endpoints", f.endpoints())) {
            return;
        }
        List<String> excess = excess(lv, login);
        String cert = chain.localCopy() == null ? "?" : chain.localCopy().name();
        Evidence ev = Evidence.of(excess.isEmpty() ? "[" + login.name() + "] holds CONNECT on the endpoint only"
                        : "[" + login.name() + "]: " + String.join("; ", excess),
                "a dedicated login: not sa, not sysadmin, no CONTROL SERVER, nothing beyond CONNECT on the endpoint"
                        + " (and the CONNECT SQL every login has)")
                .with("certificate", cert).with("login", login.name());
        if (excess.isEmpty()) {
            out.pass(l, r, chain.subject(), r + "'s certificate [" + cert + "] on " + l + " maps to the dedicated"
                    + " login [" + login.name() + "]", ev);
        } else {
            out.fail(l, r, chain.subject(), r + "'s certificate [" + cert + "] on " + l + " authenticates as ["
                    + login.name() + "], which is not a dedicated peer login: " + String.join("; ", excess), ev);
        }
    }

    /** CONNECT SQL, and CONNECT on the mirroring endpoint (on any endpoint when L has none left to name). */
    private static boolean allowed(ServerPermission p, MirroringEndpoint ep) {
        if (p.classId() == ServerPermission.CLASS_SERVER) {
            return ServerPermission.CONNECT_SQL.equals(p.code());
        }
        return ep == null ? p.classId() == ServerPermission.CLASS_ENDPOINT && ServerPermission.CONNECT.equals(p.code())
                : p.isConnectOn(ep.endpointId());
    }

    private static List<String> excess(InstanceView v, ServerPrincipal login) {
        List<String> excess = new ArrayList<>();
        if (login.sid() != null && SA_SID.equals(InstanceView.normalizeHex(login.sid()))) {
            excess.add("it is sa (SID 0x01)");
        }
        if (v.isSysadmin(login.principalId())) {
            excess.add("member of sysadmin");
        }
        MirroringEndpoint ep = v.endpoint().orElse(null);
        if (ep != null && ep.principalId() != null && ep.principalId() == login.principalId()) {
            excess.add("owner of the endpoint [" + ep.name() + "]");
        }
        // What the login holds itself or through a server role it is in (a role holding only CONNECT on the
        // endpoint is a legitimate way to grant it); public's permissions are everyone's and judged elsewhere.
        for (int id : v.principalsActingFor(login.principalId())) {
            if (id == InstanceView.PUBLIC_ROLE_ID || id == InstanceView.SYSADMIN_ROLE_ID) {
                continue;
            }
            String via = id == login.principalId() ? "" : " (through server role ["
                    + v.serverPrincipal(id).map(ServerPrincipal::name).orElse("#" + id) + "])";
            if (id != login.principalId() && v.serverPrincipal(id).map(ServerPrincipal::fixedRole).orElse(false)) {
                excess.add("member of fixed server role [" + v.serverPrincipal(id).get().name() + "]");
            }
            for (ServerPermission p : v.permissionsOf(id)) {
                if (!p.granted() || allowed(p, ep)) {
                    continue;
                }
                String what = p.classId() == ServerPermission.CLASS_SERVER
                        ? (p.isControlServer() ? "CONTROL SERVER" : p.permissionName() + " on the server")
                        : p.permissionName() + " on endpoint id " + p.majorId();
                excess.add(what + " granted" + via);
            }
        }
        return excess;
    }
}
