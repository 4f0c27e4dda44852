package io.mirrorguard.agent.remediation.sim;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.config.ConfigLoader;
import io.mirrorguard.agent.remediation.ExecutionLimits;
import io.mirrorguard.agent.remediation.ExecutionMode;
import io.mirrorguard.agent.remediation.JdbcTargetSessions;
import io.mirrorguard.agent.remediation.PlanBasis;
import io.mirrorguard.agent.remediation.RemediationExecutor;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.SecretResolver;
import io.mirrorguard.rules.remediation.RemediationPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/** A separate agent process applying a reviewed plan; the test kills it with SIGKILL in the middle. */
public final class ApplyChild {

    public static void main(String[] args) throws Exception {
        AgentConfig cfg = new ConfigLoader(System::getenv, null).read(Path.of(args[0]));
        RemediationPlan plan = new com.fasterxml.jackson.databind.ObjectMapper()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(Files.readString(Path.of(args[1])), RemediationPlan.class);
        new RemediationExecutor(new JdbcTargetSessions(cfg.instances()), new SecretResolver(n -> null),
                RemediationService.openJournal(cfg), Clock.systemUTC())
                // the test plans, then starts this process: the plan's facts are older than this moment
                .run(plan, PlanBasis.at(Instant.now()), ExecutionMode.APPLY, ExecutionLimits.explicitApply(), "child");
        System.out.println("child finished");
    }
}
