package io.mirrorguard.agent.collector;

/**
 * What the audit login may see, as HAS_PERMS_BY_NAME answered inside the batch. Catalog views silently hide rows
 * the login may not see, so without the permission a section's rows, empty or not, prove nothing.
 */
record Access(boolean viewAnyDefinition, boolean viewServerState, boolean viewAnyDatabase, boolean sysadmin) {

    enum Need {
        NOTHING("no permission"),
        VIEW_ANY_DEFINITION("VIEW ANY DEFINITION"),
        VIEW_SERVER_STATE("VIEW SERVER STATE"),
        VIEW_ANY_DATABASE("VIEW ANY DATABASE");

        private final String permission;

        Need(String permission) {
            this.permission = permission;
        }

        String permission() {
            return permission;
        }
    }

    static final Access NONE = new Access(false, false, false, false);

    boolean allows(Need need) {
        if (sysadmin) {
            return true;
        }
        return switch (need) {
            case NOTHING -> true;
            case VIEW_ANY_DEFINITION -> viewAnyDefinition;
            case VIEW_SERVER_STATE -> viewServerState;
            case VIEW_ANY_DATABASE -> viewAnyDatabase;
        };
    }
}
