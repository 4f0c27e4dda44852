package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.DatabasePrincipal;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.RoleMembership;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One instance's facts with the lookups rules need, indexed once per evaluation (certificates by id and
 * thumbprint, principals by id and SID, permissions by grantee, role memberships by member).
 */
public final class InstanceView {

    /** principal_id of the public server role. */
    public static final int PUBLIC_ROLE_ID = 2;
    /** principal_id of the sysadmin fixed server role. */
    public static final int SYSADMIN_ROLE_ID = 3;

    /**
     * Whether a login may use the endpoint, and why.
     *
     * @param byGrant allowed through a GRANT (CONNECT/CONTROL on the endpoint, CONTROL SERVER), not by sysadmin
     *                membership or ownership
     */
    public record ConnectAccess(boolean allowed, boolean byGrant, String how) {}

    private final InstanceFacts facts;
    private final Map<Integer, Certificate> certificatesById = new HashMap<>();
    private final Map<String, List<Certificate>> certificatesByThumbprint = new HashMap<>();
    private final Map<Integer, DatabasePrincipal> masterPrincipalsById = new HashMap<>();
    private final Map<Integer, ServerPrincipal> serverPrincipalsById = new HashMap<>();
    private final Map<String, ServerPrincipal> serverPrincipalsBySid = new HashMap<>();
    private final Map<Integer, List<ServerPermission>> permissionsByGrantee = new HashMap<>();
    private final Map<Integer, List<RoleMembership>> rolesByMember = new HashMap<>();

    public InstanceView(InstanceFacts facts) {
        this.facts = facts;
        if (facts.certificates().isRead()) {
            for (Certificate c : facts.certificates().value()) {
                certificatesById.put(c.certificateId(), c);
                if (c.thumbprint() != null) {
                    certificatesByThumbprint.computeIfAbsent(normalizeHex(c.thumbprint()), k -> new ArrayList<>()).add(c);
                }
            }
        }
        if (facts.masterPrincipals().isRead()) {
            facts.masterPrincipals().value().forEach(p -> masterPrincipalsById.put(p.principalId(), p));
        }
        if (facts.serverPrincipals().isRead()) {
            for (ServerPrincipal p : facts.serverPrincipals().value()) {
                serverPrincipalsById.put(p.principalId(), p);
                if (p.sid() != null) {
                    serverPrincipalsBySid.put(normalizeHex(p.sid()), p);
                }
            }
        }
        if (facts.serverPermissions().isRead()) {
            facts.serverPermissions().value().forEach(p ->
                    permissionsByGrantee.computeIfAbsent(p.granteePrincipalId(), k -> new ArrayList<>()).add(p));
        }
        if (facts.serverRoleMembers().isRead()) {
            facts.serverRoleMembers().value().forEach(m ->
                    rolesByMember.computeIfAbsent(m.memberPrincipalId(), k -> new ArrayList<>()).add(m));
        }
    }

    public static String normalizeHex(String hex) {
        String h = hex.trim().toUpperCase(Locale.ROOT);
        return h.startsWith("0X") ? h.substring(2) : h;
    }

    public InstanceFacts facts() {
        return facts;
    }

    public String name() {
        return facts.name();
    }

    /** The collection ran and every section was read. */
    public boolean fullyAudited() {
        return facts.collection().succeeded() && unreadSections().isEmpty();
    }

    /** "section (STATUS: reason)" for every section that was not read, in catalog order. */
    public List<String> unreadSections() {
        return facts.unreadSections();
    }

    /** The DATABASE_MIRRORING endpoint; empty when there is none or the section was not read. */
    public Optional<MirroringEndpoint> endpoint() {
        if (!facts.endpoints().isRead() || facts.endpoints().value().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(facts.endpoints().value().get(0));
    }

    public Optional<Certificate> certificate(int certificateId) {
        return Optional.ofNullable(certificatesById.get(certificateId));
    }

    /** The certificate the endpoint authenticates with, when the endpoint uses one and it exists. */
    public Optional<Certificate> endpointCertificate() {
        return endpoint().filter(e -> e.certificateId() != 0).flatMap(e -> certificate(e.certificateId()));
    }

    public List<Certificate> certificatesWithThumbprint(String thumbprint) {
        return certificatesByThumbprint.getOrDefault(normalizeHex(thumbprint), List.of());
    }

    public Optional<DatabasePrincipal> masterPrincipal(Integer principalId) {
        return principalId == null ? Optional.empty() : Optional.ofNullable(masterPrincipalsById.get(principalId));
    }

    public Optional<ServerPrincipal> serverPrincipal(int principalId) {
        return Optional.ofNullable(serverPrincipalsById.get(principalId));
    }

    public Optional<ServerPrincipal> loginBySid(String sid) {
        return sid == null ? Optional.empty() : Optional.ofNullable(serverPrincipalsBySid.get(normalizeHex(sid)));
    }

    /** The login a master user is mapped to; empty for WITHOUT LOGIN users and orphans. */
    public Optional<ServerPrincipal> loginOf(DatabasePrincipal user) {
        if (user.authenticationType() != null && user.authenticationType() == 0) {
            return Optional.empty();
        }
        return loginBySid(user.sid());
    }

    public List<ServerPermission> permissionsOf(int granteePrincipalId) {
        return permissionsByGrantee.getOrDefault(granteePrincipalId, List.of());
    }

    /** The login itself, the server roles it is in (transitively) and public. */
    public Set<Integer> principalsActingFor(int loginId) {
        Set<Integer> ids = new LinkedHashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(loginId));
        while (!todo.isEmpty()) {
            int id = todo.pop();
            if (ids.add(id)) {
                rolesByMember.getOrDefault(id, List.of()).forEach(m -> todo.push(m.rolePrincipalId()));
            }
        }
        ids.add(PUBLIC_ROLE_ID);
        return ids;
    }

    /** Whether the principal is a server role (sys.server_principals.type R), public and fixed roles included. */
    public boolean isServerRole(int principalId) {
        return principalId == PUBLIC_ROLE_ID || serverPrincipal(principalId)
                .map(p -> p.type() != null && p.type().trim().equals("R")).orElse(false);
    }

    /** The principals that are no role and act through the role: its members, and members of member roles. */
    public List<ServerPrincipal> loginsInRole(int roleId) {
        List<ServerPrincipal> logins = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(roleId));
        while (!todo.isEmpty()) {
            int role = todo.pop();
            if (!seen.add(role)) {
                continue;
            }
            for (List<RoleMembership> memberships : rolesByMember.values()) {
                for (RoleMembership m : memberships) {
                    if (m.rolePrincipalId() != role) {
                        continue;
                    }
                    if (isServerRole(m.memberPrincipalId())) {
                        todo.push(m.memberPrincipalId());
                    } else {
                        logins.add(serverPrincipal(m.memberPrincipalId()).orElse(new ServerPrincipal(m.memberName(),
                                m.memberPrincipalId(), null, null, null, false, null, null, null, null, false)));
                    }
                }
            }
        }
        return logins;
    }

    public boolean isSysadmin(int loginId) {
        for (int id : principalsActingFor(loginId)) {
            if (id == SYSADMIN_ROLE_ID) {
                return true;
            }
            for (RoleMembership m : rolesByMember.getOrDefault(id, List.of())) {
                if ("sysadmin".equalsIgnoreCase(m.roleName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a login may connect to the endpoint: sysadmin members and the owner always may; otherwise a DENY of
     * CONNECT or CONTROL on the endpoint wins over any grant of CONNECT/CONTROL on it or CONTROL SERVER.
     * Needs endpoints, serverPermissions and serverRoleMembers read.
     */
    public ConnectAccess connectAccess(ServerPrincipal login, MirroringEndpoint endpoint) {
        if (isSysadmin(login.principalId())) {
            return new ConnectAccess(true, false, "member of sysadmin");
        }
        if (endpoint.principalId() != null && endpoint.principalId() == login.principalId()) {
            return new ConnectAccess(true, false, "owner of the endpoint");
        }
        String granted = null;
        String denied = null;
        for (int id : principalsActingFor(login.principalId())) {
            String who = id == login.principalId() ? "[" + login.name() + "]"
                    : "[" + serverPrincipal(id).map(ServerPrincipal::name).orElse(id == PUBLIC_ROLE_ID ? "public" : "#" + id) + "]";
            for (ServerPermission p : permissionsOf(id)) {
                boolean connect = p.isConnectOn(endpoint.endpointId());
                boolean onEndpoint = connect || p.isControlOn(endpoint.endpointId());
                boolean controlServer = p.isControlServer();
                if (onEndpoint && p.denied() && denied == null) {
                    denied = (connect ? "CONNECT" : "CONTROL") + " on the endpoint DENIED to " + who;
                } else if (p.granted() && granted == null && (onEndpoint || controlServer)) {
                    granted = (controlServer ? "CONTROL SERVER" : connect ? "CONNECT" : "CONTROL on the endpoint")
                            + " granted to " + who;
                }
            }
        }
        if (denied != null) {
            return new ConnectAccess(false, false, denied);
        }
        if (granted != null) {
            return new ConnectAccess(true, true, granted);
        }
        return new ConnectAccess(false, false, "no CONNECT on the endpoint for [" + login.name() + "]");
    }
}
