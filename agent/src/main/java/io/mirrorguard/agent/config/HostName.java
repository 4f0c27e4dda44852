package io.mirrorguard.agent.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, as agents identify themselves (metrics, cluster agent ids). */
public final class HostName {
    private HostName() {}

    /** The local host name, or "unknown-host" where the name cannot be resolved. */
    public static String local() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
