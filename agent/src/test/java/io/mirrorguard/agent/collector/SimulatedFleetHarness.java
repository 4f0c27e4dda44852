package io.mirrorguard.agent.collector;

import io.mirrorguard.agent.config.AuthConfig;
import io.mirrorguard.agent.config.AuthType;
import io.mirrorguard.agent.config.EncryptMode;
import io.mirrorguard.agent.config.InstanceConfig;
import io.mirrorguard.agent.config.Secret;
import io.mirrorguard.agent.config.TlsConfig;
import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import io.mirrorguard.simulator.scenario.ScenarioFleet;
import io.mirrorguard.simulator.scenario.ScenarioParser;
import io.mirrorguard.simulator.scenario.ScenarioRunner;
import io.mirrorguard.simulator.scenario.ShippedScenarios;
import io.mirrorguard.simulator.tds.TdsServer;
import io.mirrorguard.simulator.tds.TlsMaterial;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated fleet that ran one shipped scenario, each instance behind its own TLS TDS server on 127.0.0.1,
 * with a trust store for certificate validation. Closing stops every server.
 */
final class SimulatedFleetHarness implements AutoCloseable {

    static final String SA_PASSWORD = "MirrorGuard!Sa1";
    static final String AUDIT_LOGIN = "mirrorguard_audit";
    static final String AUDIT_PASSWORD = "MirrorGuard!Audit1";
    private static final String TRUST_STORE_PASSWORD = "changeit";

    final SimulatedFleet fleet;
    final Path trustStore;
    private final Map<String, TdsServer> servers = new LinkedHashMap<>();

    SimulatedFleetHarness(String scenario, Path dir) {
        fleet = new SimulatedFleet(Instant.parse("2026-11-26T12:00:00Z"), dir.resolve("files"), SA_PASSWORD);
        new ScenarioRunner(adapter(fleet), message -> { }).run(ScenarioParser.parse(ShippedScenarios.source(scenario)));
        TlsMaterial tls = TlsMaterial.selfSigned();
        trustStore = dir.resolve("truststore.p12");
        tls.writeTrustStore(trustStore, TRUST_STORE_PASSWORD.toCharArray());
        for (SimulatedInstance i : fleet.instances()) {
            servers.put(i.name().toUpperCase(java.util.Locale.ROOT),
                    TdsServer.start(i, new InetSocketAddress("127.0.0.1", 0), tls));
        }
    }

    SimulatedInstance instance(String name) {
        return fleet.instance(name);
    }

    int port(String name) {
        return servers.get(name.toUpperCase(java.util.Locale.ROOT)).port();
    }

    /** The audit login over TLS with certificate validation against the simulator's trust store. */
    InstanceConfig config(String name) {
        return config(name, name, AUDIT_LOGIN, AUDIT_PASSWORD, 30, validatingTls());
    }

    InstanceConfig config(String configuredName, String instance, String user, String password, int queryTimeout,
                          TlsConfig tls) {
        return new InstanceConfig(configuredName, "127.0.0.1", port(instance), null,
                new AuthConfig(AuthType.SQL, user, Secret.inline(password)), null, tls, 10, queryTimeout,
                List.of(), Map.of());
    }

    TlsConfig validatingTls() {
        return new TlsConfig(EncryptMode.TRUE, false, "localhost", trustStore, Secret.inline(TRUST_STORE_PASSWORD),
                "PKCS12");
    }

    @Override
    public void close() {
        servers.values().forEach(TdsServer::close);
        fleet.close();
    }

    private static ScenarioFleet adapter(SimulatedFleet fleet) {
        return new ScenarioFleet() {
            @Override
            public Instance instance(String name) {
                SimulatedInstance i = fleet.instance(name);
                return new Instance() {
                    @Override
                    public String name() {
                        return i.name();
                    }

                    @Override
                    public SqlSession adminSession() {
                        return i.adminSession();
                    }

                    @Override
                    public void setFault(Fault fault) {
                        i.setFault(fault);
                    }
                };
            }

            @Override
            public void setClock(Instant now) {
                fleet.setClock(now);
            }
        };
    }
}
