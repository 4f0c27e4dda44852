package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.Category;
import io.mirrorguard.rules.engine.Emitter;
import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.engine.Evidence;
import io.mirrorguard.rules.engine.FactSection;
import io.mirrorguard.rules.engine.InstanceView;
import io.mirrorguard.rules.engine.PassRequires;
import io.mirrorguard.rules.engine.RuleInfo;
import io.mirrorguard.rules.engine.Severity;
import io.mirrorguard.rules.model.AvailabilityDatabase;
import io.mirrorguard.rules.model.AvailabilityReplica;
import io.mirrorguard.rules.model.SeedingOperation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * No catalog view shows ALTER AVAILABILITY GROUP ... GRANT CREATE ANY DATABASE, so the rule judges its effect: on an
 * automatic-seeding secondary, a database of the group that never appeared locally while the primary's
 * sys.dm_hadr_automatic_seeding shows the attempt for that replica failing. Without a database there is nothing to
 * observe (NOT_APPLICABLE, never PASS).
 */
@RuleInfo(
        id = AgSeedingPermitted.ID,
        title = "Automatic seeding may create the group's databases on each secondary",
        severity = Severity.MEDIUM,
        category = Category.LINK,
        rationale = "With SEEDING_MODE = AUTOMATIC a secondary creates the group's databases itself, which it may do"
                + " only after ALTER AVAILABILITY GROUP ... GRANT CREATE ANY DATABASE on that replica; without it"
                + " seeding fails and the databases never appear there.",
        remediation = "On the secondary: ALTER AVAILABILITY GROUP [<ag>] GRANT CREATE ANY DATABASE;",
        procedureStep = "Join each secondary: ALTER AVAILABILITY GROUP ... JOIN, then GRANT CREATE ANY DATABASE",
        references = {Refs.AUTOMATIC_SEEDING, Refs.DM_AUTOMATIC_SEEDING, Refs.ALTER_AG})
@PassRequires({FactSection.AVAILABILITY_REPLICAS, FactSection.AVAILABILITY_DATABASES})
public final class AgSeedingPermitted extends MemberRule {

    /** The rule id, as the catalog (../shared/spec/rule-catalog.md) names it. */
    public static final String ID = "ag-seeding-permitted";

    @Override
    protected String baseSubject(String instance) {
        return instance + "/availability-replicas";
    }

    @Override
    protected void check(InstanceView v, EvaluationContext context, Emitter out) {
        String n = v.name();
        if (out.unread(n, null, baseSubject(n), "availabilityReplicas", v.facts().availabilityReplicas())) {
            return;
        }
        List<AvailabilityReplica> own = Replicas.local(v);
        if (own.isEmpty()) {
            out.notApplicable(n, null, baseSubject(n), n + " hosts no availability replica");
            return;
        }
        for (AvailabilityReplica r : own) {
            if (r.groupId() == null) {
                out.error(n, null, baseSubject(n), n + " shows a replica row without group_id");
                continue;
            }
            checkReplica(v, r, context, out);
        }
    }

    private static void checkReplica(InstanceView v, AvailabilityReplica r, EvaluationContext context, Emitter out) {
        String n = v.name();
        String group = Replicas.groupName(v, r.groupId());
        String subject = v.name() + "/ag/" + group + "/seeding";
        if (r.seedingMode() == null && r.seedingModeDesc() == null) {
            out.error(n, null, subject, "the seeding mode of " + n + "'s replica in " + group + " is unknown"
                    + " (sys.availability_replicas.seeding_mode not read)");
            return;
        }
        if (!r.automaticSeeding()) {
            out.notApplicable(n, null, subject, n + "'s replica in " + group + " uses SEEDING_MODE = "
                    + r.seedingModeDesc() + ": databases are restored by hand, nothing is created by seeding");
            return;
        }
        if (r.roleDesc() == null) {
            out.error(n, null, subject, "the role of " + n + "'s replica in " + group + " is unknown"
                    + " (sys.dm_hadr_availability_replica_states not visible)");
            return;
        }
        if ("PRIMARY".equalsIgnoreCase(r.roleDesc())) {
            out.notApplicable(n, null, subject, n + " is the primary of " + group + ": seeding creates databases on"
                    + " secondaries, so the grant on " + n + " is only exercised after a failover");
            return;
        }
        if (out.unread(n, null, subject, "availabilityDatabases", v.facts().availabilityDatabases())) {
            return;
        }
        List<AvailabilityDatabase> dbs = v.facts().availabilityDatabases().value().stream()
                .filter(d -> r.groupId().equals(d.groupId())).toList();
        if (dbs.isEmpty()) {
            out.notApplicable(n, null, subject, group + " has no database yet: whether " + n + " may create one"
                    + " (GRANT CREATE ANY DATABASE) is not observable until a database is seeded");
            return;
        }
        List<AvailabilityDatabase> missing = dbs.stream().filter(d -> !d.joinedLocally()).toList();
        if (missing.isEmpty()) {
            out.pass(n, null, subject, "every database of " + group + " exists on " + n + " ("
                    + names(dbs) + ")", Evidence.of("databases joined locally: " + names(dbs),
                    "every database of the group created on the secondary").with("group", group));
            return;
        }
        Optional<InstanceView> primary = primaryOf(context, r);
        if (primary.isEmpty()) {
            out.error(n, null, subject, names(missing) + " of " + group + " is not on " + n + ", and no audited"
                    + " instance is the group's primary, so the seeding outcome is unknown");
            return;
        }
        InstanceView p = primary.get();
        if (out.unread(n, null, subject, p.name() + " seedingOperations", p.facts().seedingOperations())) {
            return;
        }
        for (AvailabilityDatabase d : missing) {
            Optional<SeedingOperation> last = p.facts().seedingOperations().value().stream()
                    .filter(s -> r.groupId().equals(s.groupId()) && d.groupDatabaseId() != null
                            && d.groupDatabaseId().equals(s.groupDatabaseId()) && r.replicaId() != null
                            && r.replicaId().equals(s.remoteReplicaId()))
                    .max(Comparator.comparing(SeedingOperation::startTime,
                            Comparator.nullsFirst(Comparator.naturalOrder())));
            String db = "[" + d.databaseName() + "]";
            if (last.isPresent() && last.get().failed()) {
                SeedingOperation s = last.get();
                out.fail(n, p.name(), subject + "/" + d.databaseName(), db + " of " + group + " was never created on "
                        + n + ": automatic seeding from " + p.name() + " failed (" + s.failureStateDesc()
                        + (s.errorCode() == null ? "" : ", error " + s.errorCode()) + "); " + n
                        + " probably lacks GRANT CREATE ANY DATABASE for the group",
                        Evidence.of(db + " absent on " + n + "; seeding " + s.currentState() + " " + s.failureStateDesc(),
                                "ALTER AVAILABILITY GROUP [" + group + "] GRANT CREATE ANY DATABASE on " + n
                                        + ", database seeded").with("group", group)
                                .with("failure_state", s.failureState()).with("error_code", s.errorCode())
                                .with("number_of_attempts", s.numberOfAttempts()));
            } else if (last.isPresent()) {
                out.notApplicable(n, p.name(), subject + "/" + d.databaseName(), db + " of " + group
                        + " is not on " + n + " yet: seeding from " + p.name() + " is " + last.get().currentState());
            } else {
                out.notApplicable(n, p.name(), subject + "/" + d.databaseName(), db + " of " + group + " is not on "
                        + n + " and " + p.name() + " shows no seeding attempt for it (is the replica connected? see"
                        + " replica-connected)");
            }
        }
    }

    private static Optional<InstanceView> primaryOf(EvaluationContext context, AvailabilityReplica r) {
        for (InstanceView x : context.instances()) {
            if (!x.facts().availabilityReplicas().isRead()) {
                continue;
            }
            for (AvailabilityReplica own : Replicas.local(x)) {
                if (r.groupId().equals(own.groupId()) && "PRIMARY".equalsIgnoreCase(own.roleDesc())) {
                    return Optional.of(x);
                }
            }
        }
        return Optional.empty();
    }

    private static String names(List<AvailabilityDatabase> dbs) {
        return String.join(", ", dbs.stream().map(d -> "[" + d.databaseName() + "]").toList());
    }
}
