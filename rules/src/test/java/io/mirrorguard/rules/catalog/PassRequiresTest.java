package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.Finding;
import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.PassGuard;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.model.SectionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A partly read instance yields no PASS from a rule whose PASS rests on a section that was not read (issue 14 item
 * 1): the rule is stated per rule in {@link PassRequires} and docs/rules/README.md, and checked here per rule.
 */
class PassRequiresTest {

    /** What {@code :fault SQLA hide-catalog} leaves unread: the audit login lost VIEW ANY DEFINITION and VIEW SERVER STATE. */
    private static final List<String> HIDDEN_BY_HIDE_CATALOG = List.of("certificates", "endpoints", "masterKey",
            "serverPermissions", "masterPrincipals", "connections");

    @Test
    void a_hidden_catalog_gives_no_session_pass_on_the_partly_read_instance() {
        FleetBuilder fleet = Fleets.correctTwoPartnersAndWitness();
        HIDDEN_BY_HIDE_CATALOG.forEach(s -> fleet.instance("SQLA").unread(s, SectionStatus.NOT_VISIBLE));

        AuditResult r = Audit.run(fleet);

        List<Finding> session = on(r, MirroringSessionHealthy.ID, "SQLA");
        assertThat(session).isNotEmpty().noneMatch(f -> f.outcome() == Outcome.PASS);
        assertThat(session).anySatisfy(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(f.message()).contains("endpoints not read", "SYNCHRONIZED");
        });
        assertThat(r.findings()).filteredOn(f -> "SQLA".equals(f.instance()) && f.outcome() == Outcome.PASS)
                .allSatisfy(f -> assertThat(PassGuard.of(ruleClass(f.ruleId())).sections())
                        .noneMatch(s -> HIDDEN_BY_HIDE_CATALOG.contains(s.key())));
    }

    static Stream<Rule> rules() {
        return BuiltInRules.all().stream();
    }

    /** The correct fleets: every rule PASSes somewhere on one of them (the AG rules only on an AG fleet). */
    private static final List<Supplier<FleetBuilder>> CORRECT_FLEETS = List.of(Fleets::correctTwoPartnersAndWitness,
            Fleets::correctAvailabilityGroup, Fleets::correctDistributedAvailabilityGroup);

    /** Each rule PASSes somewhere on a correct fleet; hiding any one section it needs there takes that PASS away. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void no_pass_without_each_section_the_rule_needs(Rule rule) {
        String id = rule.descriptor().id();
        int checked = 0;
        for (Supplier<FleetBuilder> correct : CORRECT_FLEETS) {
            List<String> passing = Audit.findings(Audit.run(correct.get()), id, Outcome.PASS).stream()
                    .map(Finding::instance).distinct().toList();
            for (String instance : passing) {
                for (FactSection s : PassGuard.of(rule.getClass()).sections()) {
                    FleetBuilder fleet = correct.get();
                    fleet.instance(instance).unread(s.key(), SectionStatus.NOT_VISIBLE);
                    assertThat(on(Audit.run(fleet), id, instance)).as(id + "@" + instance + " without " + s.key())
                            .noneMatch(f -> f.outcome() == Outcome.PASS);
                    checked++;
                }
            }
        }
        assertThat(checked).as(id + " passes somewhere on a correct fleet").isPositive();
    }

    @Test
    void every_built_in_rule_states_what_its_pass_needs_and_the_docs_say_the_same() throws IOException {
        Map<String, String> declared = new LinkedHashMap<>();
        for (Rule r : BuiltInRules.all()) {
            PassRequires p = r.getClass().getAnnotation(PassRequires.class);
            assertThat(p).as(r.descriptor().id() + " has @PassRequires").isNotNull();
            PassGuard g = PassGuard.of(r.getClass());
            declared.put(r.descriptor().id(), g.describe() + (g.alsoOnPeer() ? " (and on the peer)" : ""));
        }
        Map<String, String> documented = new LinkedHashMap<>();
        Path readme = Path.of("..", "docs", "rules", "README.md");
        for (String line : Files.readAllLines(readme)) {
            String[] cells = line.split("\\|");
            if (cells.length >= 3 && cells[1].trim().startsWith("`")) {
                documented.put(cells[1].trim().replace("`", ""), cells[2].trim());
            }
        }
        assertThat(documented).as(readme + " table 'What a PASS needs'").isEqualTo(declared);
    }

    private static List<Finding> on(AuditResult r, String rule, String instance) {
        return Audit.findings(r, rule).stream().filter(f -> instance.equals(f.instance())).toList();
    }

    private static Class<?> ruleClass(String id) {
        List<Class<?>> c = new ArrayList<>();
        BuiltInRules.all().stream().filter(r -> r.descriptor().id().equals(id)).forEach(r -> c.add(r.getClass()));
        return c.get(0);
    }
}
