package io.mirrorguard.agent.store;

import io.mirrorguard.agent.audit.AuditRun;
import io.mirrorguard.agent.audit.AuditTrigger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.mirrorguard.agent.testing.Findings.fail;

/** Run in a child JVM by {@link StoreCrashTest}: records audits, says so after each commit, starts one more, then waits to be killed. */
public final class StoreCrashChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        AuditStore store = AuditStore.open(dir);
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        for (int i = 1; i <= runs; i++) {
            Instant at = t.plusSeconds(60L * i);
            store.recordFinished(new AuditRun("run-" + i, AuditTrigger.SCHEDULED, at, at.plusSeconds(1),
                    List.of("SQLA"), AuditRun.Outcome.SUCCESS, null), List.of(fail("rule-" + i, "SQLA")),
                    Set.of("SQLA"));
            System.out.println("COMMITTED " + i);
            System.out.flush();
        }
        // an on-demand audit under way when the process is killed
        store.recordStarted(new AuditRun("run-killed", AuditTrigger.ON_DEMAND, t.plusSeconds(3600), null,
                List.of("SQLA", "SQLB"), AuditRun.Outcome.RUNNING, null));
        System.out.println("STARTED run-killed");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
