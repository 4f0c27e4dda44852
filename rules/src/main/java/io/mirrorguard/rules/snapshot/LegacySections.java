package io.mirrorguard.rules.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Fills in what snapshots written before the availability-group sections lack, so they still load. Only two
 * things are inferred: an instance whose availabilityReplicas section was READ and empty hosts no replica, so it can
 * have no group, group database or seeding row either (READ, empty); otherwise the new sections are NOT_COLLECTED
 * with that reason, never invented. Replica rows without the seeding columns get null (unknown) for them.
 */
final class LegacySections {
    static final List<String> AG_SECTIONS = List.of("availabilityGroups", "availabilityDatabases", "seedingOperations");
    static final String NOT_IN_SNAPSHOT = "not in this snapshot: written before the availability-group sections existed";

    private LegacySections() {}

    static void fill(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("instances").isArray()) {
            return;
        }
        for (JsonNode inst : root.path("instances")) {
            if (!inst.isObject()) {
                continue;
            }
            ObjectNode o = (ObjectNode) inst;
            JsonNode replicas = o.get("availabilityReplicas");
            boolean noReplica = replicas != null && "READ".equals(replicas.path("status").asText())
                    && replicas.path("value").isArray() && replicas.path("value").isEmpty();
            for (String name : AG_SECTIONS) {
                if (!o.has(name)) {
                    o.set(name, noReplica ? readEmpty() : notCollected(o));
                }
            }
            if (replicas != null && replicas.path("value").isArray()) {
                for (JsonNode r : replicas.path("value")) {
                    if (r.isObject() && !r.has("seedingMode") && !r.has("seedingModeDesc")) {
                        ((ObjectNode) r).putNull("seedingMode");
                        ((ObjectNode) r).putNull("seedingModeDesc");
                    }
                }
            }
        }
    }

    private static ObjectNode readEmpty() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("status", "READ");
        s.set("value", JsonNodeFactory.instance.arrayNode());
        s.putNull("reason");
        return s;
    }

    private static ObjectNode notCollected(ObjectNode instance) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        JsonNode collection = instance.path("collection");
        boolean failed = collection.isObject() && !collection.path("failure").isNull()
                && !collection.path("failure").isMissingNode();
        s.put("status", "NOT_COLLECTED");
        s.putNull("value");
        s.put("reason", failed ? collection.path("failure").asText() + ": " + collection.path("reason").asText()
                : NOT_IN_SNAPSHOT);
        return s;
    }

}
