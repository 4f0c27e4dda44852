package io.mirrorguard.agent.config;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Automatic fixes; off unless {@code enabled}.
 *
 * @param rules              rule ids allowed to be fixed; empty means every rule that has a remediation plan
 * @param instances          instances that may be changed; empty means every instance with a remediationAuth
 * @param maintenanceWindows fixes run only inside one of them; empty means at any time
 * @param backupPath         server-side directory for BACKUP CERTIFICATE files (a path on the SQL Server host)
 */
public record RemediationConfig(boolean enabled, Set<String> rules, Set<String> instances,
                                List<MaintenanceWindow> maintenanceWindows, int maxFixesPerRun,
                                int maxFixesPerInstance, int stopAfterConsecutiveErrors, String backupPath,
                                Secret masterKeyPassword, Secret backupPassword) {

    public RemediationConfig {
        rules = rules == null ? Set.of() : Set.copyOf(rules);
        instances = instances == null ? Set.of() : Set.copyOf(instances);
        maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
    }

    public static RemediationConfig disabled() {
        return new RemediationConfig(false, Set.of(), Set.of(), List.of(), 10, 3, 3, null, null, null);
    }

    public boolean inMaintenanceWindow(Instant now) {
        return maintenanceWindows.isEmpty() || maintenanceWindows.stream().anyMatch(w -> w.contains(now));
    }
}
