package io.mirrorguard.agent.cli;

import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MasterKey;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.ServerIdentity;
import io.mirrorguard.rules.model.Target;
import io.mirrorguard.rules.snapshot.SnapshotJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Snapshots for CLI tests, written through SnapshotJson so they are in the real file format. */
final class TestSnapshots {

    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private TestSnapshots() {}

    /** A fully read instance that takes part in no mirroring: nothing can fail. */
    static InstanceFacts standalone(String name) {
        return new InstanceFacts(Target.named(name), Collection.ok(AT, 15, 1),
                Section.read(new ServerIdentity(name, name, "16.0.4135.4", 16, "Developer Edition", 3, AT)),
                Section.read(MasterKey.absent(false)),
                Section.read(List.of()), Section.read(List.of()), Section.read(List.of()), Section.read(List.of()),
                Section.read(List.of()), Section.read(List.of()), Section.read(List.of()), Section.read(List.of()),
                Section.read(List.of()), Section.read(List.of()), Section.read(List.of()),
                Section.read(List.of()), Section.read(List.of()));
    }

    /** An instance that refused the connection: instance-audited FAILs (HIGH). */
    static InstanceFacts unreachable(String name) {
        return InstanceFacts.unreadable(Target.named(name),
                Collection.failed(AT, 3000, CollectionFailure.UNREACHABLE, "connection refused"));
    }

    static Path write(Path dir, String file, InstanceFacts... instances) throws IOException {
        FleetSnapshot s = new FleetSnapshot(FleetSnapshot.FORMAT_VERSION, AT, List.of(instances), List.of());
        Path p = dir.resolve(file);
        Files.writeString(p, SnapshotJson.write(s));
        return p;
    }

}
