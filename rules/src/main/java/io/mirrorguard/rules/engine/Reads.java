package io.mirrorguard.rules.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rule read while judging one subject, beyond the subject's own instances: the instances whose facts (or
 * trust chains, or place in the topology) it asked for, whether it scanned the whole fleet or the fleet's unread
 * instances, and which hosts it asked about with the answers. A verdict is reused by an incremental evaluation only
 * while none of these changed, so a rule cannot depend on something the engine does not know about.
 *
 * @param hosts host asked about -> the instances at that host, in the order the evaluation answered
 */
record Reads(Set<String> instances, boolean wholeFleet, boolean unreadPeers, Map<String, List<String>> hosts) {

    /** Collects the reads of one subject; the subject's own instances are implied and not kept. */
    static final class Recorder {
        private final List<String> own;
        private Set<String> instances;
        private boolean wholeFleet;
        private boolean unreadPeers;
        private Map<String, List<String>> hosts;

        Recorder(List<String> own) {
            this.own = own;
        }

        void instance(String name) {
            if (!own.contains(name)) {
                if (instances == null) {
                    instances = new HashSet<>();
                }
                instances.add(name);
            }
        }

        void wholeFleet() {
            wholeFleet = true;
        }

        void unreadPeers() {
            unreadPeers = true;
        }

        void host(String host, List<String> answer) {
            if (hosts == null) {
                hosts = new HashMap<>();
            }
            hosts.put(host, answer);
        }

        /** Null when the subject read nothing beyond itself, as most do (no object kept per verdict then). */
        Reads done() {
            if (instances == null && !wholeFleet && !unreadPeers && hosts == null) {
                return null;
            }
            return new Reads(instances == null ? Set.of() : Set.copyOf(instances), wholeFleet, unreadPeers,
                    hosts == null ? Map.of() : Map.copyOf(hosts));
        }
    }
}
