package io.mirrorguard.rules.engine;

import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.topology.Link;
import io.mirrorguard.rules.topology.Topology;
import io.mirrorguard.rules.topology.Topology.Direction;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation's result together with what the next evaluation needs to re-judge only what changed: every
 * verdict by subject and rule, the snapshot's topology and unread instances, and the policy, day and scope it was
 * judged under. Immutable; the next evaluation builds a new state and never changes this one.
 */
public final class EvaluationState {
    private final RuleEngine engine;
    private final AuditResult result;
    private final Policy policy;
    private final LocalDate day;
    private final FleetScope scope;
    private final Topology topology;
    private final Map<String, InstanceFacts> facts;
    private final List<UnreadPeers.Unread> unread;
    private final SubjectTable<String, Verdict[]> byInstance;
    private final SubjectTable<Direction, Verdict[]> byDirection;
    private final SubjectTable<Link, Verdict[]> byLink;
    private final SubjectTable<Direction, TrustStatus> trust;
    private final Set<String> rejudged;
    private final int judged;
    private final int reused;

    EvaluationState(RuleEngine engine, AuditResult result, Policy policy, LocalDate day, FleetScope scope,
                    Topology topology, Map<String, InstanceFacts> facts, List<UnreadPeers.Unread> unread,
                    SubjectTable<String, Verdict[]> byInstance, SubjectTable<Direction, Verdict[]> byDirection,
                    SubjectTable<Link, Verdict[]> byLink, SubjectTable<Direction, TrustStatus> trust,
                    Set<String> rejudged, int judged, int reused) {
        this.engine = engine;
        this.result = result;
        this.policy = policy;
        this.day = day;
        this.scope = scope;
        this.topology = topology;
        this.facts = facts;
        this.unread = unread;
        this.byInstance = byInstance;
        this.byDirection = byDirection;
        this.byLink = byLink;
        this.trust = trust;
        this.rejudged = Set.copyOf(rejudged);
        this.judged = judged;
        this.reused = reused;
    }

    public AuditResult result() {
        return result;
    }

    /** The instances this evaluation judged again (facts or place in the topology changed, or a read of theirs). */
    public Set<String> rejudgedInstances() {
        return rejudged;
    }

    /** How many verdicts (one rule on one subject) this evaluation judged; the rest it took from the previous one. */
    public int verdictsJudged() {
        return judged;
    }

    /** How many verdicts this evaluation took unchanged from the previous one. */
    public int verdictsReused() {
        return reused;
    }

    RuleEngine engine() {
        return engine;
    }

    Policy policy() {
        return policy;
    }

    LocalDate day() {
        return day;
    }

    FleetScope scope() {
        return scope;
    }

    Topology topology() {
        return topology;
    }

    Map<String, InstanceFacts> facts() {
        return facts;
    }

    List<UnreadPeers.Unread> unread() {
        return unread;
    }

    SubjectTable<String, Verdict[]> byInstance() {
        return byInstance;
    }

    SubjectTable<Direction, Verdict[]> byDirection() {
        return byDirection;
    }

    SubjectTable<Link, Verdict[]> byLink() {
        return byLink;
    }

    SubjectTable<Direction, TrustStatus> trust() {
        return trust;
    }
}
