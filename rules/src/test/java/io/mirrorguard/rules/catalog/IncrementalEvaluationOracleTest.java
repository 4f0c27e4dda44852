package io.mirrorguard.rules.catalog;

import static io.mirrorguard.rules.fixtures.Fleets.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.engine.AuditResult;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.EvaluationState;
import io.mirrorguard.rules.engine.FleetScope;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.PerInstance;
import io.mirrorguard.rules.engine.Policy;
import io.mirrorguard.rules.engine.Rule;
import io.mirrorguard.rules.engine.RuleDescriptor;
import io.mirrorguard.rules.engine.RuleEngine;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.engine.Waiver;
import io.mirrorguard.rules.fixtures.FleetBuilder;
import io.mirrorguard.rules.fixtures.Fleets;
import io.mirrorguard.rules.fixtures.InstanceBuilder;
import io.mirrorguard.rules.fixtures.Rec;
import io.mirrorguard.rules.model.DeclaredLink;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.LinkRole;
import io.mirrorguard.rules.model.MasterKey;
import io.mirrorguard.rules.model.SectionStatus;
import io.mirrorguard.rules.model.Target;
import io.mirrorguard.rules.model.WitnessRole;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle of incremental evaluation: for every mutation fixture of the procedure and AG fleets and for changes of
 * the fleet's shape (instances added and removed, collection failed and recovered, partner references, aliases,
 * ports, names, order, scope, policy, day), evaluating the new snapshot from the previous evaluation's state gives
 * exactly what a full evaluation gives: every finding in the same order, every summary, trust status and link. The
 * fixtures run inside a fleet of several independent topologies, so that most verdicts are reused and the reuse is
 * what is being checked.
 */
class IncrementalEvaluationOracleTest {
    private static final RuleEngine ENGINE = Audit.ENGINE;
    private static final FleetScope ALL = FleetScope.snapshotOnly();
    private static final List<String> TRIPLES = List.of("T1", "T2");

    /** The procedure triple (SQLA/SQLB/SQLW), the AG (LNX1-3), the distributed AG (SQLP/SQLQ) and two more triples. */
    static FleetBuilder islands() {
        FleetBuilder f = Fleets.correctTwoPartnersAndWitness();
        FleetBuilder ag = Fleets.correctAvailabilityGroup();
        Fleets.AG_REPLICAS.forEach(n -> f.add(ag.instance(n)));
        FleetBuilder dag = Fleets.correctDistributedAvailabilityGroup();
        List.of("SQLP1", "SQLP2", "SQLQ1", "SQLQ2").forEach(n -> f.add(dag.instance(n)));
        TRIPLES.forEach(t -> triple(f, t));
        return f;
    }

    /** A principal, mirror and witness with complete trust, their own session (the procedure fleet's shape). */
    static void triple(FleetBuilder f, String prefix) {
        String a = prefix + "A";
        String b = prefix + "B";
        String w = prefix + "W";
        UUID guid = UUID.nameUUIDFromBytes(a.getBytes());
        InstanceBuilder ia = Fleets.instance(a, 3, List.of(b, w));
        InstanceBuilder ib = Fleets.instance(b, 3, List.of(a, w));
        InstanceBuilder iw = Fleets.instance(w, 2, List.of(a, b));
        ia.mirroredDatabases.add(Rec.with(Fleets.database(1, "PRINCIPAL", b, w), "mirroringGuid", guid));
        ib.mirroredDatabases.add(Rec.with(Fleets.database(2, "MIRROR", a, w), "mirroringGuid", guid));
        iw.witnessRoles.add(new WitnessRole("Sales", a, b, 2, "FULL", guid, false, 5, "SYNCHRONIZED"));
        f.add(ia).add(ib).add(iw);
    }

    /** A change of the fleet's shape, by name. */
    record Change(String name, Consumer<FleetBuilder> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Change> shapeChanges() {
        List<Change> c = new ArrayList<>();
        c.add(new Change("an instance added (a new triple)", f -> triple(f, "T3")));
        c.add(new Change("a mirror removed", f -> f.without("T1B")));
        c.add(new Change("a witness removed", f -> f.without("T2W")));
        c.add(new Change("an AG replica removed", f -> f.without("LNX3")));
        c.add(new Change("collection failed", f -> f.instance("T1A").unreachable()));
        c.add(new Change("collection failed on an AG primary", f -> f.instance("LNX1").unreachable()));
        c.add(new Change("certificates not visible", f -> f.instance("T2B").unread("certificates",
                SectionStatus.NOT_VISIBLE)));
        c.add(new Change("endpoints not visible", f -> f.instance("SQLW").unread("endpoints",
                SectionStatus.NOT_VISIBLE)));
        c.add(new Change("a new partner reference across topologies", f -> f.instance("T2A").mirroredDatabases
                .add(Rec.with(Rec.with(Fleets.database(1, "PRINCIPAL", "T1A", "T2W"), "databaseName", "Orders"),
                        "mirroringGuid", UUID.nameUUIDFromBytes("orders".getBytes())))));
        c.add(new Change("an alias takes over another instance's address", f -> f.instance("T2B").target =
                withAliases(f.instance("T2B").target, List.of("t1a.*"))));
        c.add(new Change("an alias makes an address ambiguous", f -> f.instance("T2B").target =
                withHost(f.instance("T2B").target, "t1a.other.example")));
        c.add(new Change("an AG replica's host named by another instance", f -> f.instance("T1W").target =
                withAliases(f.instance("T1W").target, List.of("lnx2.corp.example"))));
        c.add(new Change("an endpoint port changed", f -> f.instance("T1A").endpoint(e -> Rec.with(e, "port", 5023))));
        c.add(new Change("a witness renamed (@@SERVERNAME)", f -> f.instance("T1W").identity =
                Rec.with(f.instance("T1W").identity, "serverName", "T1W-NEW")));
        c.add(new Change("the mirror's columns hidden", f -> f.instance("T1B").mirroredDatabases
                .replaceAll(d -> Fleets.hiddenMirrorRow())));
        c.add(new Change("a master key dropped", f -> f.instance("T2A").masterKey = MasterKey.absent(false)));
        c.add(new Change("a declared link to a new instance", f -> {
            triple(f, "T4");
            f.declaredLinks.add(new DeclaredLink("T4A", "T1A", LinkRole.PARTNER));
        }));
        c.add(new Change("a declared link to an instance not audited", f ->
                f.declaredLinks.add(new DeclaredLink("T1A", "GHOST", LinkRole.PARTNER))));
        return c;
    }

    static Stream<Arguments> fixtures() {
        List<RuleFixtures> all = new ArrayList<>(RuleFixtures.all());
        all.addAll(AgRuleFixtures.all());
        return all.stream().map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void every_mutation_fixture_is_evaluated_incrementally_as_a_full_evaluation_would(String name, RuleFixtures c) {
        FleetSnapshot base = islands().build();
        FleetBuilder broken = islands();
        c.mutation().accept(broken);
        FleetSnapshot mutated = broken.build();

        EvaluationState before = ENGINE.evaluateSince(null, base, c.policy(), NOW, ALL);
        EvaluationState after = ENGINE.evaluateSince(before, mutated, c.policy(), NOW, ALL);
        assertSameAsFull(after, mutated, c.policy(), NOW, ALL);
        // the other topologies' verdicts were taken over, not judged again
        assertThat(after.verdictsReused()).as(name).isPositive();

        EvaluationState repaired = ENGINE.evaluateSince(after, base, c.policy(), NOW, ALL);
        assertSameAsFull(repaired, base, c.policy(), NOW, ALL);
        // a state is never changed by the evaluations that start from it
        assertSameAsFull(ENGINE.evaluateSince(before, base, c.policy(), NOW, ALL), base, c.policy(), NOW, ALL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeChanges")
    void every_change_of_the_fleet_shape_is_evaluated_incrementally_as_a_full_evaluation_would(Change change) {
        FleetSnapshot base = islands().build();
        FleetBuilder changed = islands();
        change.apply().accept(changed);
        FleetSnapshot after = changed.build();
        Policy policy = Policy.defaults();

        EvaluationState s0 = ENGINE.evaluateSince(null, base, policy, NOW, ALL);
        EvaluationState s1 = ENGINE.evaluateSince(s0, after, policy, NOW, ALL);
        assertSameAsFull(s1, after, policy, NOW, ALL);
        EvaluationState s2 = ENGINE.evaluateSince(s1, base, policy, NOW, ALL);
        assertSameAsFull(s2, base, policy, NOW, ALL);
    }

    @Test
    void a_reordered_fleet_is_evaluated_as_a_full_evaluation_would() {
        FleetSnapshot base = islands().build();
        List<InstanceFacts> reversed = new ArrayList<>(base.instances());
        java.util.Collections.reverse(reversed);
        FleetSnapshot after = new FleetSnapshot(base.formatVersion(), base.takenAt(), reversed, base.declaredLinks());

        EvaluationState s1 = ENGINE.evaluateSince(ENGINE.evaluateSince(null, base, Policy.defaults(), NOW, ALL),
                after, Policy.defaults(), NOW, ALL);

        assertSameAsFull(s1, after, Policy.defaults(), NOW, ALL);
    }

    @Test
    void instances_leaving_and_joining_the_scope_are_evaluated_as_a_full_evaluation_would() {
        FleetBuilder f = islands();
        Target t1a = f.instance("T1A").target;
        FleetSnapshot withoutT1a = f.without("T1A").build();
        FleetScope uncollected = new FleetScope(List.of(new FleetScope.Uncollected(t1a, "not collected yet")));
        FleetSnapshot full = islands().build();

        EvaluationState s0 = ENGINE.evaluateSince(null, withoutT1a, Policy.defaults(), NOW, uncollected);
        EvaluationState s1 = ENGINE.evaluateSince(s0, full, Policy.defaults(), NOW, ALL);
        assertSameAsFull(s1, full, Policy.defaults(), NOW, ALL);
        EvaluationState s2 = ENGINE.evaluateSince(s1, withoutT1a, Policy.defaults(), NOW, uncollected);
        assertSameAsFull(s2, withoutT1a, Policy.defaults(), NOW, uncollected);
    }

    @Test
    void waivers_overrides_disabled_rules_and_the_day_are_applied_as_a_full_evaluation_would() {
        Policy policy = Policy.defaults()
                .withWaivers(List.of(new Waiver(MasterKeyPresent.ID, "T2A", null, "migration", LocalDate.of(2026, 3, 2)),
                        new Waiver(EndpointStarted.ID, "T1B", null, "maintenance", LocalDate.of(2026, 4, 1))))
                .withSeverityOverrides(Map.of(EndpointStarted.ID, Severity.LOW))
                .withDisabled(Set.of(EndpointCertificateStrength.ID));
        FleetSnapshot base = islands().build();
        FleetSnapshot broken = islands()
                .with("T2A", b -> b.masterKey = MasterKey.absent(false))
                .with("T1B", b -> b.endpoint(e -> Rec.with(Rec.with(e, "state", 1), "stateDesc", "STOPPED")))
                .build();

        EvaluationState s0 = ENGINE.evaluateSince(null, base, policy, NOW, ALL);
        EvaluationState s1 = ENGINE.evaluateSince(s0, broken, policy, NOW, ALL);
        assertSameAsFull(s1, broken, policy, NOW, ALL);
        assertThat(s1.result().findings()).anySatisfy(f -> assertThat(f.waived()).isTrue());
        // two days later the first waiver has expired: nothing in the facts changed, the day did
        Instant later = NOW.plus(Fleets.days(2));
        EvaluationState s2 = ENGINE.evaluateSince(s1, broken, policy, later, ALL);
        assertSameAsFull(s2, broken, policy, later, ALL);
        // another policy: everything judged again under it
        Policy other = policy.withDisabled(Set.of());
        assertSameAsFull(ENGINE.evaluateSince(s2, broken, other, later, ALL), broken, other, later, ALL);
    }

    /** Borrows a real rule's metadata; throws on instances without a master key, judges the others. */
    static final class CrashingOnSome implements PerInstance {
        @Override
        public RuleDescriptor descriptor() {
            return RuleDescriptor.of(MasterKeyPresent.class);
        }

        @Override
        public void evaluate(InstanceView v, EvaluationContext context, Emitter out) {
            if (!v.facts().masterKey().value().present()) {
                throw new IllegalStateException("boom on " + v.name());
            }
            out.pass(v.name(), null, v.name() + "/x", "fine", null);
        }
    }

    @Test
    void a_rule_that_throws_on_one_instance_is_an_error_everywhere_as_in_a_full_evaluation() {
        List<Rule> rules = new ArrayList<>(BuiltInRules.all());
        rules.removeIf(r -> r instanceof MasterKeyPresent);
        rules.add(new CrashingOnSome());
        RuleEngine engine = new RuleEngine(rules);
        FleetSnapshot base = islands().build();
        FleetSnapshot crashing = islands().with("T2A", b -> b.masterKey = MasterKey.absent(false)).build();

        EvaluationState s0 = engine.evaluateSince(null, base, Policy.defaults(), NOW, ALL);
        EvaluationState s1 = engine.evaluateSince(s0, crashing, Policy.defaults(), NOW, ALL);
        assertThat(engine.evaluate(crashing, Policy.defaults(), NOW)).satisfies(full ->
                assertThat(full.findings()).filteredOn(RuleEngine::ruleFailure).hasSize(crashing.instances().size()));
        assertThat(s1.result().findings()).containsExactlyElementsOf(
                engine.evaluate(crashing, Policy.defaults(), NOW).findings());
        // a change elsewhere: the crash on T2A is reused, still an ERROR everywhere
        FleetSnapshot crashingAndMore = islands().with("T2A", b -> b.masterKey = MasterKey.absent(false))
                .with("LNX2", b -> b.unreachable()).build();
        EvaluationState s2 = engine.evaluateSince(s1, crashingAndMore, Policy.defaults(), NOW, ALL);
        assertThat(s2.result().findings()).containsExactlyElementsOf(
                engine.evaluate(crashingAndMore, Policy.defaults(), NOW).findings());
        EvaluationState s3 = engine.evaluateSince(s2, base, Policy.defaults(), NOW, ALL);
        assertThat(s3.result().findings()).containsExactlyElementsOf(
                engine.evaluate(base, Policy.defaults(), NOW).findings());
    }

    /**
     * A walk through many fleets: each step applies one or two random fixtures or shape changes to a fresh fleet
     * and is evaluated from the previous step's state, so every kind of transition between broken fleets occurs.
     */
    @Test
    void a_random_walk_through_broken_fleets_is_evaluated_as_full_evaluations_would() {
        List<Consumer<FleetBuilder>> changes = new ArrayList<>();
        RuleFixtures.all().forEach(c -> changes.add(c.mutation()));
        AgRuleFixtures.all().forEach(c -> changes.add(c.mutation()));
        shapeChanges().forEach(c -> changes.add(c.apply()));
        Random random = new Random(13);
        EvaluationState state = null;
        for (int step = 0; step < 150; step++) {
            FleetBuilder f = islands();
            int n = random.nextInt(3);
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(changes.size());
                picked.add(k);
                try {
                    changes.get(k).accept(f);
                } catch (IllegalArgumentException alreadyGone) {
                    // e.g. a fixture naming an instance another change removed: this step just has fewer changes
                }
            }
            FleetSnapshot s = f.build();
            state = ENGINE.evaluateSince(state, s, Policy.defaults(), NOW, ALL);
            AuditResult full = ENGINE.evaluate(s, Policy.defaults(), NOW, ALL);
            assertThat(state.result().findings()).as("step " + step + " changes " + picked)
                    .containsExactlyElementsOf(full.findings());
            assertThat(state.result().instances()).as("step " + step).containsExactlyElementsOf(full.instances());
            assertThat(state.result().trust()).as("step " + step).containsExactlyElementsOf(full.trust());
        }
    }

    /** A CONNECT grant on SQLA that belongs to no peer: a FAIL while every instance is read, else an ERROR. */
    static FleetBuilder leftoverGrantOnSqla() {
        return islands().with("SQLA", b -> {
            b.serverPrincipals.add(new io.mirrorguard.rules.model.ServerPrincipal("OLD_login", 400, "0A0B", "S",
                    "SQL_LOGIN", false, NOW, NOW, "master", null, false));
            b.serverPermissions.add(new io.mirrorguard.rules.model.ServerPermission(105, "ENDPOINT",
                    Fleets.ENDPOINT_ID, 400, "OLD_login", 1, "CO", "CONNECT", "G", "GRANT"));
        });
    }

    @Test
    void a_verdict_that_read_the_unread_instances_is_judged_again_when_one_elsewhere_becomes_unreadable() {
        FleetSnapshot base = leftoverGrantOnSqla().build();
        FleetSnapshot t1aDown = leftoverGrantOnSqla().with("T1A", InstanceBuilder::unreachable).build();

        EvaluationState s0 = ENGINE.evaluateSince(null, base, Policy.defaults(), NOW, ALL);
        EvaluationState s1 = ENGINE.evaluateSince(s0, t1aDown, Policy.defaults(), NOW, ALL);
        EvaluationState s2 = ENGINE.evaluateSince(s1, base, Policy.defaults(), NOW, ALL);

        assertThat(leftover(s0)).isEqualTo(io.mirrorguard.rules.engine.Outcome.FAIL);
        // T1A is in another topology, yet any grant on SQLA may be its trust while it cannot be read
        assertThat(leftover(s1)).isEqualTo(io.mirrorguard.rules.engine.Outcome.ERROR);
        assertSameAsFull(s1, t1aDown, Policy.defaults(), NOW, ALL);
        assertSameAsFull(s2, base, Policy.defaults(), NOW, ALL);
    }

    @Test
    void a_verdict_that_read_the_fleet_scope_is_judged_again_when_the_scope_changes() {
        FleetSnapshot base = leftoverGrantOnSqla().build();
        FleetScope ghost = new FleetScope(List.of(new FleetScope.Uncollected(Target.named("GHOST"), "starting")));

        EvaluationState s0 = ENGINE.evaluateSince(null, base, Policy.defaults(), NOW, ALL);
        EvaluationState s1 = ENGINE.evaluateSince(s0, base, Policy.defaults(), NOW, ghost);

        assertThat(leftover(s1)).isEqualTo(io.mirrorguard.rules.engine.Outcome.ERROR);
        assertSameAsFull(s1, base, Policy.defaults(), NOW, ghost);
        assertSameAsFull(ENGINE.evaluateSince(s1, base, Policy.defaults(), NOW, ALL), base, Policy.defaults(), NOW,
                ALL);
    }

    private static io.mirrorguard.rules.engine.Outcome leftover(EvaluationState s) {
        return s.result().findings().stream().filter(f -> f.ruleId().equals(StaleEndpointTrust.ID)
                && f.subject().endsWith("/connect/OLD_login")).findFirst().orElseThrow().outcome();
    }

    @Test
    void a_verdict_that_asked_who_is_at_a_host_is_judged_again_when_the_answer_changes() {
        // LNX1's ENDPOINT_URL names LNX2's host; then T1W (no peer of LNX1) is also known by that host, on another
        // port, so no address resolves differently: only the answer to "who is at lnx2" changed
        Consumer<FleetBuilder> wrongUrl = f -> f.instance("LNX1").availabilityReplicas.replaceAll(r ->
                r.replicaServerName().equals("LNX1") ? Rec.with(r, "endpointUrl", Fleets.address("LNX2")) : r);
        FleetBuilder b0 = islands();
        wrongUrl.accept(b0);
        FleetBuilder b1 = islands();
        wrongUrl.accept(b1);
        b1.with("T1W", b -> {
            b.target = withAliases(b.target, List.of("lnx2.corp.example"));
            b.endpoint(e -> Rec.with(e, "port", 5099));
        });
        FleetSnapshot before = b0.build();
        FleetSnapshot after = b1.build();

        EvaluationState s0 = ENGINE.evaluateSince(null, before, Policy.defaults(), NOW, ALL);
        EvaluationState s1 = ENGINE.evaluateSince(s0, after, Policy.defaults(), NOW, ALL);

        assertSameAsFull(s1, after, Policy.defaults(), NOW, ALL);
        assertThat(s1.result().findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(ReplicaEndpointUrlMatches.ID);
            assertThat(f.instance()).isEqualTo("LNX1");
            assertThat(f.message()).contains("T1W");
        });
    }

    @Test
    void a_verdict_that_scanned_the_whole_fleet_is_judged_again_when_any_instance_changes() {
        // LNX2 lacks the group's database and no audited instance is the group's primary (LNX1 is resolving) ...
        Consumer<FleetBuilder> noPrimary = f -> {
            AgRuleFixtures.seedingDenied(f);
            f.instance("LNX1").availabilityReplicas.replaceAll(r -> Boolean.TRUE.equals(r.local())
                    ? Rec.with(r, "roleDesc", "RESOLVING") : r);
        };
        FleetBuilder b0 = islands();
        noPrimary.accept(b0);
        FleetBuilder b1 = islands();
        noPrimary.accept(b1);
        // ... until T1W, in no link with LNX2, shows itself as the group's primary
        b1.with("T1W", b -> b.availabilityReplicas.add(Rec.with(Rec.with(
                b0.instance("LNX2").availabilityReplicas.stream().filter(r -> Boolean.TRUE.equals(r.local()))
                        .findFirst().orElseThrow(), "roleDesc", "PRIMARY"), "replicaServerName", "T1W")));
        FleetSnapshot before = b0.build();
        FleetSnapshot after = b1.build();

        EvaluationState s0 = ENGINE.evaluateSince(null, before, Policy.defaults(), NOW, ALL);
        EvaluationState s1 = ENGINE.evaluateSince(s0, after, Policy.defaults(), NOW, ALL);

        assertSameAsFull(s1, after, Policy.defaults(), NOW, ALL);
        assertThat(s1.result().findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(AgSeedingPermitted.ID);
            assertThat(f.instance()).isEqualTo("LNX2");
            assertThat(f.peer()).isEqualTo("T1W");
        });
    }

    @Test
    void one_changed_instance_is_judged_again_with_the_peers_whose_verdicts_read_it_and_nothing_else() {
        FleetSnapshot base = islands().build();
        // a leftover CONNECT grant on T1A: its own facts change, no link does
        FleetSnapshot changed = islands().with("T1A", b -> b.serverPermissions.add(
                new io.mirrorguard.rules.model.ServerPermission(105, "ENDPOINT", Fleets.ENDPOINT_ID, 2, "public", 1,
                        "CO", "CONNECT", "G", "GRANT"))).build();

        EvaluationState s0 = ENGINE.evaluateSince(null, base, Policy.defaults(), NOW, ALL);
        EvaluationState s1 = ENGINE.evaluateSince(s0, changed, Policy.defaults(), NOW, ALL);

        assertSameAsFull(s1, changed, Policy.defaults(), NOW, ALL);
        // T1B and T1W read T1A's certificate and logins for stale-endpoint-trust; nobody else reads T1A
        assertThat(s1.rejudgedInstances()).containsExactlyInAnyOrder("T1A", "T1B", "T1W");
        assertThat(s1.verdictsJudged()).isLessThan(s0.verdictsJudged() / 5);
        assertThat(s1.result().findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(EndpointConnectNotPublic.ID);
            assertThat(f.instance()).isEqualTo("T1A");
            assertThat(f.outcome()).isEqualTo(io.mirrorguard.rules.engine.Outcome.FAIL);
        });
    }

    @Test
    void an_unchanged_fleet_judges_nothing_again_even_when_its_facts_are_new_but_equal_objects() {
        EvaluationState s0 = ENGINE.evaluateSince(null, islands().build(), Policy.defaults(), NOW, ALL);
        FleetSnapshot rebuilt = islands().build();

        EvaluationState s1 = ENGINE.evaluateSince(s0, rebuilt, Policy.defaults(), NOW, ALL);

        assertThat(s1.verdictsJudged()).isZero();
        assertThat(s1.rejudgedInstances()).isEmpty();
        assertSameAsFull(s1, rebuilt, Policy.defaults(), NOW, ALL);
    }

    private static void assertSameAsFull(EvaluationState incremental, FleetSnapshot snapshot, Policy policy,
                                         Instant at, FleetScope scope) {
        AuditResult full = ENGINE.evaluate(snapshot, policy, at, scope);
        AuditResult inc = incremental.result();
        assertThat(inc.findings()).containsExactlyElementsOf(full.findings());
        assertThat(inc.instances()).containsExactlyElementsOf(full.instances());
        assertThat(inc.trust()).containsExactlyElementsOf(full.trust());
        assertThat(inc.links()).containsExactlyElementsOf(full.links());
        assertThat(inc).isEqualTo(full);
    }

    private static Target withAliases(Target t, List<String> aliases) {
        return new Target(t.name(), t.host(), t.port(), aliases, t.tags());
    }

    private static Target withHost(Target t, String host) {
        return new Target(t.name(), host, t.port(), t.aliases(), t.tags());
    }
}
