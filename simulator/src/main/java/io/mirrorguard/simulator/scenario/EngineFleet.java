package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.SqlSession;
import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.SimulatedInstance;

import java.time.Instant;

/** Lets a {@link ScenarioRunner} drive the simulator's engine. */
public final class EngineFleet implements ScenarioFleet {
    private final SimulatedFleet fleet;

    public EngineFleet(SimulatedFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public Instance instance(String name) {
        SimulatedInstance inst = fleet.instance(name);
        return new Instance() {
            @Override
            public String name() {
                return inst.serverName();
            }

            @Override
            public SqlSession adminSession() {
                return inst.adminSession();
            }

            @Override
            public void setFault(Fault fault) {
                inst.setFault(fault);
            }
        };
    }

    @Override
    public void setClock(Instant now) {
        fleet.setClock(now);
    }
}
