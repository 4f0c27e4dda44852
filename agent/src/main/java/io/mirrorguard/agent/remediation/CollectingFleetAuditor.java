package io.mirrorguard.agent.remediation;

import io.mirrorguard.rules.catalog.BuiltInRules;
import io.mirrorguard.agent.collector.FleetCollector;
import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The collector and the rules engine, exactly as {@code audit --config} uses them (audit login, read-only). */
public final class CollectingFleetAuditor implements FleetAuditor, AutoCloseable {

    private final AgentConfig config;
    private final FleetCollector collector;
    private final RuleEngine engine = BuiltInRules.engine();
    private final Clock clock;

    public CollectingFleetAuditor(AgentConfig config, Clock clock) {
        this.config = config;
        this.collector = new FleetCollector(config);
        this.clock = clock;
    }

    @Override
    public AuditResult audit() {
        return engine.evaluate(collector.collectAll(config.schedule().concurrency()), config.toPolicy());
    }

    @Override
    public AuditResult reaudit(AuditResult before, Set<String> instances) {
        List<InstanceFacts> facts = new ArrayList<>();
        for (InstanceFacts f : before.snapshot().instances()) {
            boolean touched = instances.stream().anyMatch(i -> i.equalsIgnoreCase(f.name()));
            facts.add(touched ? collector.collect(f.name()) : f);
        }
        FleetSnapshot snapshot = new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, clock.instant(), facts,
                before.snapshot().declaredLinks());
        return engine.evaluate(snapshot, config.toPolicy());
    }

    @Override
    public void close() {
        collector.close();
    }
}
