package io.mirrorguard.simulator.engine.mirroring;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server network address 'TCP://NAME[.any.domain]:PORT'. The host's first label names the fleet instance, the
 * way a DNS name resolves to a machine.
 */
public record MirroringAddress(String host, String fqdn, int port) {

    private static final Pattern FORM = Pattern.compile("(?i)TCP://([A-Za-z0-9_\\-]+)((?:\\.[A-Za-z0-9_\\-]+)*):(\\d{1,5})/?");

    public static Optional<MirroringAddress> parse(String address) {
        if (address == null) return Optional.empty();
        Matcher m = FORM.matcher(address.trim());
        if (!m.matches()) return Optional.empty();
        int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) return Optional.empty();
        return Optional.of(new MirroringAddress(m.group(1).toUpperCase(Locale.ROOT), m.group(1) + m.group(2), port));
    }
}
