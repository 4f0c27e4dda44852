package io.mirrorguard.agent.collector;

import java.util.Locale;
import java.util.Optional;

/** The sections of the catalog batch, by the name their marker result set carries, with what reading needs. */
enum CatalogSection {
    IDENTITY(Access.Need.NOTHING),
    MASTER_KEY(Access.Need.VIEW_ANY_DEFINITION),
    CERTIFICATES(Access.Need.VIEW_ANY_DEFINITION),
    ENDPOINTS(Access.Need.VIEW_ANY_DEFINITION),
    SERVER_PRINCIPALS(Access.Need.VIEW_ANY_DEFINITION),
    MASTER_PRINCIPALS(Access.Need.VIEW_ANY_DEFINITION),
    SERVER_ROLE_MEMBERS(Access.Need.VIEW_ANY_DEFINITION),
    SERVER_PERMISSIONS(Access.Need.VIEW_ANY_DEFINITION),
    MIRRORED_DATABASES(Access.Need.VIEW_ANY_DATABASE),
    WITNESSES(Access.Need.VIEW_ANY_DEFINITION),
    AVAILABILITY_REPLICAS(Access.Need.VIEW_ANY_DEFINITION),
    CONNECTIONS(Access.Need.VIEW_SERVER_STATE),
    AVAILABILITY_GROUPS(Access.Need.VIEW_ANY_DEFINITION),
    AVAILABILITY_DATABASES(Access.Need.VIEW_ANY_DATABASE),
    SEEDING_OPERATIONS(Access.Need.VIEW_SERVER_STATE);

    private final Access.Need need;

    CatalogSection(Access.Need need) {
        this.need = need;
    }

    /** The marker name, e.g. {@code master_key}. */
    String markerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Access.Need need() {
        return need;
    }

    static Optional<CatalogSection> byMarker(String marker) {
        if (marker == null) {
            return Optional.empty();
        }
        for (CatalogSection s : values()) {
            if (s.markerName().equalsIgnoreCase(marker.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
