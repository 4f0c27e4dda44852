package io.mirrorguard.rules.topology;

import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matches reported addresses and server names to audited instances. Indexed once so that resolving an address costs
 * a map lookup, not a scan of the fleet (glob aliases whose first label is a wildcard are the only scan).
 */
final class AddressResolver {

    /** The audited instance an address stands for, or why none. */
    record Resolution(String instance, String problem) {}

    private record Alias(InstanceFacts instance, Pattern pattern) {}

    private final Map<String, List<InstanceFacts>> byLabel = new HashMap<>();
    private final Map<String, List<InstanceFacts>> byServerName = new HashMap<>();
    private final Map<String, List<Alias>> aliasesByLabel = new HashMap<>();
    private final List<Alias> wildcardAliases = new ArrayList<>();
    private final Map<String, Integer> endpointPorts = new HashMap<>();

    AddressResolver(List<InstanceFacts> instances) {
        for (InstanceFacts i : instances) {
            Set<String> labels = new LinkedHashSet<>();
            Set<String> serverNames = new LinkedHashSet<>();
            addName(labels, serverNames, i.target().name());
            if (i.target().host() != null) {
                labels.add(NetworkAddress.firstLabel(i.target().host()));
            }
            if (i.identity().isRead()) {
                addName(labels, serverNames, i.identity().value().serverName());
                addName(labels, serverNames, i.identity().value().machineName());
            }
            labels.forEach(l -> byLabel.computeIfAbsent(l, k -> new ArrayList<>()).add(i));
            serverNames.forEach(n -> byServerName.computeIfAbsent(n, k -> new ArrayList<>()).add(i));
            for (String alias : i.target().aliases()) {
                Alias a = new Alias(i, glob(alias));
                String first = NetworkAddress.firstLabel(alias);
                if (first.contains("*") || first.contains("?")) {
                    wildcardAliases.add(a);
                } else {
                    aliasesByLabel.computeIfAbsent(first, k -> new ArrayList<>()).add(a);
                }
            }
            if (i.endpoints().isRead() && !i.endpoints().value().isEmpty()) {
                MirroringEndpoint ep = i.endpoints().value().get(0);
                if (ep.port() != null) {
                    endpointPorts.put(i.name(), ep.port());
                }
            }
        }
    }

    /** @param name a configured name or @@SERVERNAME, possibly HOST\INSTANCE */
    private static void addName(Set<String> labels, Set<String> serverNames, String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        serverNames.add(name.toLowerCase(Locale.ROOT));
        String host = name.contains("\\") ? name.substring(0, name.indexOf('\\')) : name;
        labels.add(NetworkAddress.firstLabel(host));
    }

    Resolution resolveAddress(String address) {
        var parsed = NetworkAddress.parse(address);
        if (parsed.isEmpty()) {
            return new Resolution(null, "not a TCP://host:port address");
        }
        NetworkAddress a = parsed.get();
        String label = NetworkAddress.firstLabel(a.host());
        Set<String> byAlias = new LinkedHashSet<>();
        for (Alias alias : aliasesByLabel.getOrDefault(label, List.of())) {
            if (alias.pattern().matcher(a.host()).matches() && portFits(alias.instance(), a.port())) {
                byAlias.add(alias.instance().name());
            }
        }
        for (Alias alias : wildcardAliases) {
            if (alias.pattern().matcher(a.host()).matches() && portFits(alias.instance(), a.port())) {
                byAlias.add(alias.instance().name());
            }
        }
        if (!byAlias.isEmpty()) {
            return unique(byAlias, "aliases");
        }
        Set<String> byName = new LinkedHashSet<>();
        for (InstanceFacts i : byLabel.getOrDefault(label, List.of())) {
            if (portFits(i, a.port())) {
                byName.add(i.name());
            }
        }
        if (byName.isEmpty()) {
            return new Resolution(null, "no audited instance has alias, host or name '" + label
                    + "' with endpoint port " + a.port());
        }
        return unique(byName, "host/name");
    }

    /** Every audited instance whose alias, host or name matches the host, whatever the port. */
    Set<String> instancesAtHost(String host) {
        Set<String> found = new LinkedHashSet<>();
        if (host == null || host.isBlank()) {
            return found;
        }
        String label = NetworkAddress.firstLabel(host);
        for (Alias alias : aliasesByLabel.getOrDefault(label, List.of())) {
            if (alias.pattern().matcher(host).matches()) {
                found.add(alias.instance().name());
            }
        }
        for (Alias alias : wildcardAliases) {
            if (alias.pattern().matcher(host).matches()) {
                found.add(alias.instance().name());
            }
        }
        byLabel.getOrDefault(label, List.of()).forEach(i -> found.add(i.name()));
        return found;
    }

    /** A server name as sys.database_mirroring_witnesses reports it (@@SERVERNAME of the partner). */
    Resolution resolveServerName(String serverName) {
        if (serverName == null || serverName.isBlank()) {
            return new Resolution(null, "empty server name");
        }
        Set<String> names = new LinkedHashSet<>();
        byServerName.getOrDefault(serverName.toLowerCase(Locale.ROOT), List.of()).forEach(i -> names.add(i.name()));
        if (names.isEmpty() && !serverName.contains("\\")) {
            byLabel.getOrDefault(NetworkAddress.firstLabel(serverName), List.of()).forEach(i -> names.add(i.name()));
        }
        if (names.isEmpty()) {
            return new Resolution(null, "no audited instance has server name '" + serverName + "'");
        }
        return unique(names, "server name");
    }

    private boolean portFits(InstanceFacts i, int port) {
        Integer own = endpointPorts.get(i.name());
        return own == null || own == port;
    }

    private static Resolution unique(Set<String> names, String how) {
        if (names.size() == 1) {
            return new Resolution(names.iterator().next(), null);
        }
        return new Resolution(null, "ambiguous: " + how + " match " + String.join(", ", names));
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
