package io.mirrorguard.rules.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core stays a pure function library: every package may depend only downwards (no cycles, each package its
 * own slice), and nothing in it reaches the network, a database, the file system or a thread of its own.
 */
class PureCoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mirrorguard.rules");

    @Test
    void packages_are_free_of_cycles() {
        slices().matching("io.mirrorguard.rules.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void the_core_performs_no_io_and_starts_no_threads() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.sql..", "java.nio.file..",
                        "java.util.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .check(CORE);
    }

    @Test
    void the_engine_does_not_know_the_catalog_nor_remediation() {
        noClasses().that().resideInAPackage("io.mirrorguard.rules.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mirrorguard.rules.catalog..",
                        "io.mirrorguard.rules.remediation..")
                .check(CORE);
    }
}
