package io.mirrorguard.simulator.engine.model;

/**
 * A row of sys.server_permissions.
 *
 * @param classId 100 server, 101 server principal, 105 endpoint
 * @param type    the permission code as SQL Server pads it to char(4), e.g. "CO  "
 * @param state   G grant, W grant with grant option, D deny
 */
public record Permission(int classId, int majorId, int granteeId, int grantorId, String type, String name, char state) {

    public String classDesc() {
        return switch (classId) {
            case 100 -> "SERVER";
            case 101 -> "SERVER_PRINCIPAL";
            case 105 -> "ENDPOINT";
            default -> "UNKNOWN";
        };
    }

    public String stateDesc() {
        return switch (state) {
            case 'G' -> "GRANT";
            case 'W' -> "GRANT_WITH_GRANT_OPTION";
            case 'D' -> "DENY";
            default -> "REVOKE";
        };
    }

    public boolean sameTarget(Permission o) {
        return classId == o.classId && majorId == o.majorId && granteeId == o.granteeId && type.equals(o.type);
    }
}
