package io.mirrorguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.agent.report.SarifSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A correct fleet whose object names carry quotes, brackets, semicolons, comment markers and non-ASCII letters,
 * collected for real: nothing fails, and every format stays well-formed with the names intact but escaped.
 */
class AuditHostileNamesTest {

    @RegisterExtension
    static final SimulatedInventory fleet = new SimulatedInventory("hostile-names");

    private static CliRun audit(String format) {
        return CliRun.of("audit", "--config", fleet.inventory().toString(), "--format", format, "--fail-on", "low");
    }

    @Test
    void a_correct_fleet_with_hostile_names_passes() {
        CliRun run = audit("text");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("== SQLH1 (audited) ==", "== SQLH2 (audited) ==");
    }

    @Test
    void sarif_of_the_real_catalog_is_schema_valid() {
        CliRun run = audit("sarif");
        assertThat(SarifSchema.validate(run.out())).isEmpty();
    }

    @Test
    void junit_parses_and_html_escapes_the_names() throws Exception {
        CliRun junit = audit("junit");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.out().getBytes(StandardCharsets.UTF_8)));
        CliRun html = audit("html");
        assertThat(html.out()).contains("Mirror]ing; End&#39;point ü").doesNotContain("End'point");
        CliRun md = audit("md");
        assertThat(md.out()).contains("Mirror\\]ing; End'point ü");
    }
}
