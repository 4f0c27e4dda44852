package io.mirrorguard.rules.topology;

import java.util.Locale;
import java.util.Optional;

/**
 * A server network address {@code TCP://host[.domain]:port} as sys.database_mirroring and sys.availability_replicas
 * report it.
 *
 * @param host as written (may be an IPv4/IPv6 literal)
 * @param port the endpoint port
 */
public record NetworkAddress(String host, int port) {

    public static Optional<NetworkAddress> parse(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String s = address.trim();
        if (!s.regionMatches(true, 0, "TCP://", 0, 6)) {
            return Optional.empty();
        }
        s = s.substring(6);
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return Optional.empty();
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port <= 0 || port > 65535 || host.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new NetworkAddress(host, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True for IPv4 and IPv6 literals, whose dots and colons are not DNS label separators. */
    public static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The first DNS label, lower case; an IP literal is kept whole. */
    public static String firstLabel(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (isIpLiteral(h)) {
            return h;
        }
        int dot = h.indexOf('.');
        return dot < 0 ? h : h.substring(0, dot);
    }
}
