package io.mirrorguard.agent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages depend one way: the composition root ({@code app}) wires the audit service ({@code daemon}),
 * HTTP, metrics and the store; those meet only in the plain audit records ({@code audit}), never in each other.
 */
class AgentArchitectureTest {

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mirrorguard.agent");

    @Test
    void packages_are_free_of_cycles() {
        slices().matching("io.mirrorguard.agent.(**)").should().beFreeOfCycles().check(AGENT);
    }

    @Test
    void the_audit_records_depend_on_no_other_agent_package() {
        noClasses().that().resideInAPackage("io.mirrorguard.agent.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mirrorguard.agent.daemon..",
                        "io.mirrorguard.agent.http..", "io.mirrorguard.agent.metrics..", "io.mirrorguard.agent.store..",
                        "io.mirrorguard.agent.console..", "io.mirrorguard.agent.report..", "io.mirrorguard.agent.app..")
                .check(AGENT);
    }

    @Test
    void the_audit_service_knows_nothing_of_http_or_the_console() {
        noClasses().that().resideInAPackage("io.mirrorguard.agent.daemon..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mirrorguard.agent.http..",
                        "io.mirrorguard.agent.console..", "io.mirrorguard.agent.app..")
                .check(AGENT);
    }
}
