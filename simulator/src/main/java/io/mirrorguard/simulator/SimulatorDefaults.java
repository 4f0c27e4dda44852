package io.mirrorguard.simulator;

/** The simulator's fixed names and default credentials (docs/design/contracts.md, "Simulator defaults"). */
public final class SimulatorDefaults {
    private SimulatorDefaults() {}

    public static final String SA_LOGIN = "sa";
    public static final String SA_PASSWORD = "MirrorGuard!Sa1";
    /** The engine creates this login on every instance. */
    public static final String AUDIT_LOGIN = io.mirrorguard.simulator.engine.SimulatedInstance.AUDIT_LOGIN;
    public static final String AUDIT_PASSWORD = io.mirrorguard.simulator.engine.SimulatedInstance.AUDIT_PASSWORD;
    public static final String TRUST_STORE_FILE = "mirrorguard-simulator-truststore.p12";
    public static final String TRUST_STORE_PASSWORD = "changeit";
    public static final String HOST = "127.0.0.1";
    /** The host name in the listeners' certificate, which clients must verify. */
    public static final String CERT_HOST_NAME = "localhost";
}
