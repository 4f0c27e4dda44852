package io.mirrorguard.rules.catalog;

import io.mirrorguard.rules.engine.EvaluationContext;
import io.mirrorguard.rules.model.MirroredDatabase;
import io.mirrorguard.rules.topology.MirroringSession;
import java.util.Optional;

/**
 * Rows of sys.database_mirroring whose mirroring columns only sysadmin sees (a mirror database read by a
 * least-privilege login): what the principal's facts say about them, and how to say what is true.
 */
final class HiddenMirrorRows {
    private HiddenMirrorRows() {}

    /**
     * The session that names {@code instance} as the mirror of this database, as the principal's
     * sys.database_mirroring or the witness's sys.database_mirroring_witnesses reports it, if any.
     */
    static Optional<MirroringSession> sessionOf(EvaluationContext context, String instance, MirroredDatabase db) {
        return context.topology().sessionsOf(instance).stream()
                .filter(s -> instance.equals(s.mirror()) && s.principal() != null && !instance.equals(s.principal())
                        && db.databaseName() != null && db.databaseName().equalsIgnoreCase(s.databaseName()))
                .findFirst();
    }

    static String hidden(String instance, MirroredDatabase db) {
        return "the mirroring columns of [" + db.databaseName() + "] on " + instance + " are visible only to sysadmin"
                + " (the audit login is not; the database is RESTORING, as a mirror database is)";
    }
}
