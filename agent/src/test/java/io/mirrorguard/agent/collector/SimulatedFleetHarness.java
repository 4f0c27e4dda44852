package io.mirrorguard.agent.collector;

import io.mirrorguard.agent.config.AuthConfig;
import io.mirrorguard.agent.config.AuthType;
import io.mirrorguard.agent.config.EncryptMode;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.agent.config.TlsConfig;
import io.mirrorguard.simulator.Simulator;
import io.mirrorguard.simulator.SimulatorDefaults;
import io.mirrorguard.simulator.SimulatorOptions;
import io.mirrorguard.simulator.SimulatorRun;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A shipped scenario started on the simulator ({@link Simulator#start}) at a fixed clock, with instance configs for
 * the collector: the audit login over TLS validated against the simulator's trust store. Closing stops the run.
 */
final class SimulatedFleetHarness implements AutoCloseable {

    static final String AUDIT_LOGIN = SimulatorDefaults.AUDIT_LOGIN;
    static final String AUDIT_PASSWORD = SimulatorDefaults.AUDIT_PASSWORD;

    private final SimulatorRun run;

    SimulatedFleetHarness(String scenario) {
        run = Simulator.start(SimulatorOptions.of("classpath:" + scenario)
                .withNow(Instant.parse("2026-11-26T12:00:00Z")).withInfo(message -> { }));
    }

    SimulatedInstance instance(String name) {
        return run.fleet().instance(name);
    }

    /** The audit login over TLS with certificate validation against the simulator's trust store. */
    InstanceConfig config(String name) {
        return config(name, name, AUDIT_LOGIN, AUDIT_PASSWORD, 30, validatingTls());
    }

    InstanceConfig config(String configuredName, String instance, String user, String password, int queryTimeout,
                          TlsConfig tls) {
        return new InstanceConfig(configuredName, SimulatorDefaults.HOST, run.port(instance), null,
                new AuthConfig(AuthType.SQL, user, Secret.inline(password)), null, tls, 10, queryTimeout,
                List.of(), Map.of());
    }

    TlsConfig validatingTls() {
        return new TlsConfig(EncryptMode.TRUE, false, SimulatorDefaults.CERT_HOST_NAME, run.trustStore(),
                Secret.inline(run.trustStorePassword()), "PKCS12");
    }

    @Override
    public void close() {
        run.close();
    }
}
