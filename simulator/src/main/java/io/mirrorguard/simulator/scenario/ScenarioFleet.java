package io.mirrorguard.simulator.scenario;

import io.mirrorguard.simulator.api.Fault;
import io.mirrorguard.simulator.api.SqlSession;

import java.time.Instant;

/**
 * What the runner needs from a fleet of simulated instances. The simulator adapts its engine to this; tests use a
 * fake.
 */
public interface ScenarioFleet {

    /** The instance called {@code name}, created on first use. */
    Instance instance(String name);

    /** Sets every instance's simulated UTC clock (later instances start from it too). */
    void setClock(Instant now);

    /** One instance as a scenario drives it. */
    interface Instance {
        String name();

        /** A new session logged in as sa (the runner keeps one per instance, so USE carries across batches). */
        SqlSession adminSession();

        void setFault(Fault fault);
    }
}
