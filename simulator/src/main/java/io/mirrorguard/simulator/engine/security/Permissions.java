package io.mirrorguard.simulator.engine.security;

import io.mirrorguard.simulator.engine.model.Endpoint;
import io.mirrorguard.simulator.engine.model.InstanceState;
import io.mirrorguard.simulator.engine.model.Permission;
import io.mirrorguard.simulator.engine.model.ServerPrincipal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Server-level permission checks as SQL Server evaluates them (grants to the login, public and its roles). */
public final class Permissions {

    public static final int SA = 1;
    public static final int PUBLIC = 2;
    public static final int SYSADMIN = 3;

    /** Server permission codes (sys.server_permissions.type, padded to 4) and names. */
    public static final Map<String, String> SERVER_PERMISSIONS = Map.ofEntries(
        Map.entry("VIEW ANY DEFINITION", "VWAD"), Map.entry("VIEW SERVER STATE", "VWSS"),
        Map.entry("ALTER ANY ENDPOINT", "ALHE"), Map.entry("CREATE ENDPOINT", "CRHE"), Map.entry("CONTROL SERVER", "CL"),
        Map.entry("CONNECT SQL", "COSQ"), Map.entry("ALTER ANY LOGIN", "ALLG"), Map.entry("ALTER ANY DATABASE", "ALDB"),
        Map.entry("CREATE ANY DATABASE", "CRDB"), Map.entry("VIEW ANY DATABASE", "VWDB"), Map.entry("ALTER SERVER STATE", "ALSS"),
        Map.entry("AUTHENTICATE SERVER", "AUTH"), Map.entry("SHUTDOWN", "SHDN"), Map.entry("ALTER ANY CONNECTION", "ALCO"),
        Map.entry("ALTER ANY SERVER ROLE", "ALSR"), Map.entry("ALTER ANY CREDENTIAL", "ALCD"), Map.entry("IMPERSONATE ANY LOGIN", "IAL"),
        Map.entry("CONNECT ANY DATABASE", "CADB"), Map.entry("VIEW SERVER PERFORMANCE STATE", "VSPS"),
        Map.entry("VIEW SERVER SECURITY STATE", "VSSS"), Map.entry("VIEW ANY SECURITY DEFINITION", "VASD"),
        Map.entry("VIEW ANY PERFORMANCE DEFINITION", "VAPD"), Map.entry("VIEW ANY ERROR LOG", "VERR"),
        Map.entry("CREATE LOGIN", "CRLG"), Map.entry("ALTER ANY AVAILABILITY GROUP", "ALAG"),
        Map.entry("CREATE AVAILABILITY GROUP", "CRAC"), Map.entry("EXTERNAL ACCESS ASSEMBLY", "XA"),
        Map.entry("ALTER SETTINGS", "ALES"), Map.entry("ALTER TRACE", "ALTR"), Map.entry("ADMINISTER BULK OPERATIONS", "ADBO"));

    /** Endpoint permission codes. */
    public static final Map<String, String> ENDPOINT_PERMISSIONS = Map.of("CONNECT", "CO", "ALTER", "AL", "CONTROL", "CL",
        "TAKE OWNERSHIP", "TO", "VIEW DEFINITION", "VW");

    /** 2022 fixed server roles and the permission each one carries. */
    private static final Map<String, String> ROLE_PERMS = Map.of("##MS_DefinitionReader##", "VWAD",
        "##MS_ServerStateReader##", "VWSS", "##MS_ServerStateManager##", "ALSS", "##MS_LoginManager##", "ALLG",
        "##MS_DatabaseManager##", "ALDB", "##MS_DatabaseConnector##", "CADB", "##MS_SecurityDefinitionReader##", "VASD",
        "##MS_PerformanceDefinitionReader##", "VAPD", "##MS_ServerSecurityStateReader##", "VSSS",
        "##MS_ServerPerformanceStateReader##", "VSPS");

    private Permissions() {}

    public static String pad(String code) {
        return String.format("%-4s", code);
    }

    /** The login itself, public, and every role it belongs to. */
    public static Set<Integer> principalsOf(InstanceState s, int loginId) {
        Set<Integer> ids = new HashSet<>();
        ids.add(loginId);
        ids.add(PUBLIC);
        for (String m : s.roleMembers) {
            String[] p = m.split(":");
            if (Integer.parseInt(p[1]) == loginId) ids.add(Integer.parseInt(p[0]));
        }
        return ids;
    }

    public static boolean isSysadmin(InstanceState s, int loginId) {
        return loginId == SA || s.isMember(SYSADMIN, loginId);
    }

    /** Whether the login holds a server permission (explicitly, through public/roles, or via CONTROL SERVER / sysadmin). */
    public static boolean hasServer(InstanceState s, int loginId, String code) {
        if (isSysadmin(s, loginId)) return true;
        Set<Integer> ids = principalsOf(s, loginId);
        if (denied(s, ids, 100, 0, code)) return false;
        if (granted(s, ids, 100, 0, code)) return true;
        for (var e : ROLE_PERMS.entrySet()) {
            if (e.getValue().equals(code)) {
                var role = s.principal(e.getKey());
                if (role.isPresent() && ids.contains(role.get().id)) return true;
            }
        }
        if (!code.equals("CL") && granted(s, ids, 100, 0, "CL") && !denied(s, ids, 100, 0, "CL")) return true;
        if (code.equals("CRHE") && hasServer(s, loginId, "ALHE")) return true;
        return false;
    }

    /** Whether the login may use {@code code} on the endpoint (owner, CONTROL SERVER, explicit or implied grant). */
    public static boolean hasEndpoint(InstanceState s, int loginId, Endpoint ep, String code) {
        if (isSysadmin(s, loginId)) return true;
        if (ep.ownerId != null && ep.ownerId == loginId) return true;
        Set<Integer> ids = principalsOf(s, loginId);
        if (denied(s, ids, 105, ep.id, code)) return false;
        if (granted(s, ids, 105, ep.id, code)) return true;
        if (granted(s, ids, 105, ep.id, "CL") && !denied(s, ids, 105, ep.id, "CL")) return true;
        if (hasServer(s, loginId, "CL")) return true;
        if ((code.equals("AL") || code.equals("CL")) && hasServer(s, loginId, "ALHE")) return true;
        if (code.equals("VW") && hasServer(s, loginId, "VWAD")) return true;
        return false;
    }

    /** Whether the login has any permission row on the endpoint (metadata visibility). */
    public static boolean anyOnEndpoint(InstanceState s, int loginId, Endpoint ep) {
        if (ep.ownerId != null && ep.ownerId == loginId) return true;
        Set<Integer> ids = principalsOf(s, loginId);
        for (Permission p : s.serverPermissions) {
            if (p.classId() == 105 && p.majorId() == ep.id && ids.contains(p.granteeId()) && p.state() != 'D') return true;
        }
        return false;
    }

    static boolean granted(InstanceState s, Set<Integer> ids, int cls, int major, String code) {
        String c = pad(code);
        for (Permission p : s.serverPermissions) {
            if (p.classId() == cls && p.majorId() == major && p.type().equals(c) && ids.contains(p.granteeId())
                && (p.state() == 'G' || p.state() == 'W')) return true;
        }
        return false;
    }

    static boolean denied(InstanceState s, Set<Integer> ids, int cls, int major, String code) {
        String c = pad(code);
        for (Permission p : s.serverPermissions) {
            if (p.classId() == cls && p.majorId() == major && p.type().equals(c) && ids.contains(p.granteeId())
                && p.state() == 'D') return true;
        }
        return false;
    }

    public static boolean canGrantOption(InstanceState s, int loginId, int cls, int major, String code) {
        if (isSysadmin(s, loginId) || hasServer(s, loginId, "CL")) return true;
        String c = pad(code);
        for (Permission p : s.serverPermissions) {
            if (p.classId() == cls && p.majorId() == major && p.type().equals(c) && p.granteeId() == loginId && p.state() == 'W') return true;
        }
        return false;
    }

    public static boolean isHiddenByFault(ServerPrincipal login, boolean hideCatalog) {
        return hideCatalog && login.name.equalsIgnoreCase("mirrorguard_audit");
    }
}
