package io.mirrorguard.agent.console;

import io.mirrorguard.agent.audit.InstanceStatus;
import io.mirrorguard.agent.report.AuditReport;
import io.mirrorguard.agent.store.AuditStore;
import io.mirrorguard.rules.model.FleetSnapshot;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console reads, all of it already served by the JSON API: the latest report (the same one
 * /api/v1/reports/latest renders), the facts it was evaluated from, each instance's audit status and the store.
 *
 * @param store empty when the daemon keeps no history
 */
public record ConsoleData(Supplier<Optional<AuditReport>> report, Supplier<Optional<FleetSnapshot>> snapshot,
                          Supplier<List<InstanceStatus>> statuses, Supplier<Optional<AuditStore>> store,
                          Clock clock) {}
