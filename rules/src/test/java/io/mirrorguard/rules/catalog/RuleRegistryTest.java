package io.mirrorguard.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.Outcome;
import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.fixtures.Fleets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every registered rule is complete: unique id, metadata, doc page, PASS and FAIL fixtures; the catalog is covered. */
class RuleRegistryTest {

    private final List<Rule> rules = BuiltInRules.all();
    private final List<RuleDescriptor> descriptors = rules.stream().map(Rule::descriptor).toList();

    @Test
    void ids_are_unique_kebab_case_and_match_the_class_name() {
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            RuleDescriptor d = r.descriptor();
            assertThat(seen.add(d.id())).as("duplicate id " + d.id()).isTrue();
            assertThat(d.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            String camel = java.util.Arrays.stream(d.id().split("-"))
                    .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1)).collect(Collectors.joining());
            assertThat(r.getClass().getSimpleName()).as(d.id()).isEqualTo(camel);
        }
    }

    @Test
    void metadata_is_filled_in() {
        for (RuleDescriptor d : descriptors) {
            assertThat(d.title()).as(d.id()).isNotBlank();
            assertThat(d.rationale()).as(d.id()).isNotBlank();
            assertThat(d.remediation()).as(d.id()).isNotBlank();
            assertThat(d.procedureStep()).as(d.id()).isNotBlank();
            assertThat(d.references()).as(d.id()).isNotEmpty();
            assertThat(d.docPath()).isEqualTo("docs/rules/" + d.id() + ".md");
        }
    }

    @Test
    void every_rule_has_its_doc_page() {
        for (RuleDescriptor d : descriptors) {
            Path doc = Path.of("..").resolve(d.docPath());
            assertThat(doc).as(d.id()).exists();
        }
    }

    @Test
    void the_registry_holds_every_catalog_id() throws IOException {
        Set<String> required;
        try (InputStream in = getClass().getResourceAsStream("/catalog-rule-ids.txt")) {
            required = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        }
        assertThat(required).hasSize(30);
        assertThat(descriptors.stream().map(RuleDescriptor::id)).containsAll(required);
    }

    @Test
    void every_rule_has_a_fail_fixture_and_passes_on_the_correct_fleet() {
        Set<String> withFail = RuleFixtures.all().stream().map(RuleFixtures::rule).collect(Collectors.toSet());
        AgRuleFixtures.all().forEach(c -> withFail.add(c.rule()));
        var correct = Audit.run(Fleets.correctTwoPartnersAndWitness());
        var correctAg = Audit.run(Fleets.correctAvailabilityGroup());
        for (RuleDescriptor d : descriptors) {
            assertThat(withFail).as("FAIL fixture for " + d.id()).contains(d.id());
            assertThat(Audit.findings(correct, d.id(), Outcome.PASS).size()
                    + Audit.findings(correctAg, d.id(), Outcome.PASS).size()).as("PASS fixture for " + d.id())
                    .isPositive();
        }
    }

    @Test
    void doc_pages_exist_only_for_registered_rules() throws IOException {
        Set<String> ids = descriptors.stream().map(RuleDescriptor::id).collect(Collectors.toSet());
        try (var files = Files.list(Path.of("..", "docs", "rules"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .forEach(n -> assertThat(ids).as(n).contains(n.substring(0, n.length() - 3)));
        }
    }
}
