package io.mirrorguard.rules.model;

/**
 * A row of sys.server_permissions for class 100 (server) or 105 (endpoint).
 *
 * @param classId  100 SERVER, 105 ENDPOINT
 * @param majorId  endpoint_id for class 105, 0 for class 100
 * @param type     trimmed permission code, e.g. CO (CONNECT), CL (CONTROL), VWAD
 * @param state    G GRANT, W GRANT_WITH_GRANT_OPTION, D DENY, R REVOKE
 */
public record ServerPermission(
        int classId,
        String classDesc,
        int majorId,
        int granteePrincipalId,
        String granteeName,
        Integer grantorPrincipalId,
        String type,
        String permissionName,
        String state,
        String stateDesc) {

    public static final int CLASS_SERVER = 100;
    public static final int CLASS_ENDPOINT = 105;

    public boolean granted() {
        return "G".equals(state) || "W".equals(state);
    }

    public boolean denied() {
        return "D".equals(state);
    }
}
