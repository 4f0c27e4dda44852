package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.model.AvailabilityGroup;
import io.mirrorguard.rules.model.AvailabilityReplica;
import io.mirrorguard.rules.model.InstanceFacts;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What the availability-group rules share: which replica rows are the instance's own, and group names. */
final class Replicas {
    private Replicas() {}

    /**
     * The instance's own replica rows: is_local from the replica states, or, where the states were not visible
     * (is_local NULL), the row whose replica_server_name is the instance's @@SERVERNAME.
     */
    static List<AvailabilityReplica> local(InstanceView v) {
        InstanceFacts f = v.facts();
        String server = f.identity().isRead() ? f.identity().value().serverName() : null;
        return f.availabilityReplicas().value().stream()
                .filter(r -> Boolean.TRUE.equals(r.local()) || r.local() == null && server != null
                        && server.toLowerCase(Locale.ROOT).equals(lower(r.replicaServerName())))
                .toList();
    }

    /** The group's name when sys.availability_groups was read and shows it, else its group_id. */
    static String groupName(InstanceView v, UUID groupId) {
        if (v.facts().availabilityGroups().isRead()) {
            for (AvailabilityGroup g : v.facts().availabilityGroups().value()) {
                if (g.groupId() != null && g.groupId().equals(groupId) && g.name() != null) {
                    return g.name();
                }
            }
        }
        return String.valueOf(groupId);
    }

    static String subject(InstanceView v, AvailabilityReplica r) {
        return v.name() + "/ag/" + groupName(v, r.groupId()) + "/replica/" + r.replicaServerName();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
