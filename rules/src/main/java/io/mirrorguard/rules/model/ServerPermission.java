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

    /** sys.server_permissions.type codes (char(4), blank-padded): CONNECT, CONTROL, CONNECT SQL. */
    public static final String CONNECT = "CO";
    public static final String CONTROL = "CL";
    public static final String CONNECT_SQL = "COSQ";

    /** The permission code without the blank padding of its char(4) column; "" when NULL. */
    public String code() {
        return type == null ? "" : type.trim();
    }

    /** Whether this row is CONNECT on the endpoint with this id (granted or denied: see {@link #state}). */
    public boolean isConnectOn(int endpointId) {
        return classId == CLASS_ENDPOINT && majorId == endpointId && CONNECT.equals(code());
    }

    /** Whether this row is CONTROL on the endpoint with this id, which implies CONNECT on it. */
    public boolean isControlOn(int endpointId) {
        return classId == CLASS_ENDPOINT && majorId == endpointId && CONTROL.equals(code());
    }

    /** Whether this row is CONTROL SERVER, which implies CONNECT on every endpoint. */
    public boolean isControlServer() {
        return classId == CLASS_SERVER && CONTROL.equals(code());
    }

    public boolean granted() {
        return "G".equals(state) || "W".equals(state);
    }

    public boolean denied() {
        return "D".equals(state);
    }
}
