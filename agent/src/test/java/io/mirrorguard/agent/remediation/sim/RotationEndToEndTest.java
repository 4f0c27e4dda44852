package io.mirrorguard.agent.remediation.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.config.AgentConfig;
import io.mirrorguard.agent.remediation.CollectingFleetAuditor;
import io.mirrorguard.agent.remediation.RemediationService;
import io.mirrorguard.agent.remediation.cli.RotateCommand;
import io.mirrorguard.rules.remediation.rotation.RotationRequest;
import io.mirrorguard.rules.remediation.rotation.RotationStage;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating SQLA's endpoint certificate across partners SQLA/SQLB and witness SQLW, one reviewed step at a time;
 * after every step the mirroring session is still SYNCHRONIZED on both partners.
 */
class RotationEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void full_rotation_keeps_the_session_synchronized() throws Exception {
        try (SimFleet sim = SimFleet.start("procedure-two-partners-witness.sql", dir)) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            RotationRequest request = RotateCommand.request("SQLA", "SQLA_cert_2027", 365, Clock.systemUTC().instant());
            List<RotationStage> stages = new ArrayList<>();
            try (CollectingFleetAuditor auditor = new CollectingFleetAuditor(cfg, Clock.systemUTC())) {
                RemediationService service = RemediationService.forConfig(cfg, auditor, Clock.systemUTC(), null);
                for (int i = 0; i < 10; i++) {
                    RemediationService.RotationPlan step = service.rotation(request);
                    stages.add(step.step().stage());
                    assertThat(step.step().stage()).as(step.step().explanation()).isNotEqualTo(RotationStage.BLOCKED);
                    if (step.step().stage() == RotationStage.DONE) {
                        break;
                    }
                    if (!step.step().actions().isEmpty()) {
                        RemediationService.RotationApply applied =
                                service.applyRotation(request, step.planned().hash(), "test");
                        assertThat(applied.result().applied()).isTrue();
                        assertThat(applied.result().actions()).allSatisfy(a -> assertThat(a.outcome().status().name())
                                .as(a.outcome().detail()).isEqualTo("SUCCEEDED"));
                    }
                    for (String partner : List.of("SQLA", "SQLB")) {
                        try (Connection c = Sa.connect(cfg, partner)) {
                            assertThat(Sa.column(c, "SELECT mirroring_state_desc FROM sys.database_mirroring "
                                    + "WHERE mirroring_guid IS NOT NULL"))
                                    .as("after " + step.step().stage() + " on " + partner)
                                    .containsOnly("SYNCHRONIZED");
                        }
                    }
                }
            }
            assertThat(stages).containsSubsequence(RotationStage.CREATE_CERTIFICATE, RotationStage.INSTALL_ON_PEERS,
                    RotationStage.SWITCH_ENDPOINT, RotationStage.REMOVE_OLD, RotationStage.DONE);
            try (Connection c = Sa.connect(cfg, "SQLA")) {
                assertThat(Sa.column(c, "SELECT c.name FROM sys.database_mirroring_endpoints e "
                        + "JOIN master.sys.certificates c ON c.certificate_id = e.certificate_id"))
                        .containsExactly("SQLA_cert_2027");
            }
        }
    }

    /**
     * The staged rotation of several instances at once (as for every replica of an availability group), through
     * the CLI: all three certificates change and the session stays SYNCHRONIZED after every step.
     */
    @Test
    void rotating_every_member_together_keeps_the_session_synchronized() throws Exception {
        try (SimFleet sim = SimFleet.start("procedure-two-partners-witness.sql", dir)) {
            sim.withRemediation(FixesEndToEndTest.REMEDIATION);
            AgentConfig cfg = sim.config();
            List<RotationStage> stages = new ArrayList<>();
            List<String> explained = new ArrayList<>();
            String[] select = {"--instance", "SQLA", "--instance", "SQLB", "--instance", "SQLW",
                "--new-certificate", "cert_2027"};
            for (int i = 0; i < 20; i++) {
                java.util.Map<String, Object> shown = rotate(sim, select);
                RotationStage stage = RotationStage.valueOf((String) shown.get("stage"));
                stages.add(stage);
                explained.add(stage + ": " + shown.get("explanation"));
                assertThat(stage).as(String.valueOf(shown.get("explanation"))).isNotEqualTo(RotationStage.BLOCKED);
                if (stage == RotationStage.DONE) {
                    break;
                }
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> plan = (java.util.Map<String, Object>) shown.get("plan");
                if (!((List<?>) plan.get("actions")).isEmpty()) {
                    List<String> args = new ArrayList<>(List.of(select));
                    args.addAll(List.of("--apply", "--plan", (String) plan.get("hash")));
                    rotate(sim, args.toArray(String[]::new));
                }
                for (String partner : List.of("SQLA", "SQLB")) {
                    try (Connection c = Sa.connect(cfg, partner)) {
                        assertThat(Sa.column(c, "SELECT mirroring_state_desc FROM sys.database_mirroring "
                                + "WHERE mirroring_guid IS NOT NULL"))
                                .as("after " + stage + " on " + partner).containsOnly("SYNCHRONIZED");
                    }
                }
            }
            assertThat(stages).as(String.join("\n", explained))
                    .containsSubsequence(RotationStage.CREATE_CERTIFICATE, RotationStage.INSTALL_ON_PEERS,
                    RotationStage.SWITCH_ENDPOINT, RotationStage.SWITCH_ENDPOINT, RotationStage.SWITCH_ENDPOINT,
                    RotationStage.REMOVE_OLD, RotationStage.DONE);
            for (String x : List.of("SQLA", "SQLB", "SQLW")) {
                try (Connection c = Sa.connect(cfg, x)) {
                    assertThat(Sa.column(c, "SELECT c.name FROM sys.database_mirroring_endpoints e "
                            + "JOIN master.sys.certificates c ON c.certificate_id = e.certificate_id"))
                            .containsExactly("cert_2027_" + x);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> rotate(SimFleet sim, String... args) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> all = new ArrayList<>(List.of("rotate", "--config", sim.configFile().toString(), "--format", "json"));
        all.addAll(List.of(args));
        int code = io.mirrorguard.agent.cli.MirrorguardCli.execute(new java.io.PrintWriter(out),
                new java.io.PrintWriter(err), all.toArray(String[]::new));
        assertThat(code).as(err + "\n" + out).isZero();
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(out.toString(), java.util.Map.class);
    }
}
