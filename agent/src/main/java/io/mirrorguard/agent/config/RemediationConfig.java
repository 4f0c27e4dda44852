package io.mirrorguard.agent.config;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Automatic fixes; off unless {@code enabled}.
 *
 * @param rules              rule ids automatic mode may fix; empty means none (an allowlist, never "everything")
 * @param instances          instances automatic mode may change; empty means none
 * @param maintenanceWindows DISRUPTIVE fixes run only inside one of them; empty means never (SAFE fixes run after
 *                           every audit)
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

    /** Whether disruptive fixes may run at {@code now}: only inside a configured window, never without one. */
    public boolean inMaintenanceWindow(Instant now) {
        return maintenanceWindows.stream().anyMatch(w -> w.contains(now));
    }

    /** Whether automatic mode may fix {@code rule} on {@code instance}: both must be allowlisted explicitly. */
    public boolean allows(String rule, String instance) {
        return rules.contains(rule) && instances.stream().anyMatch(i -> i.equalsIgnoreCase(instance));
    }
}
