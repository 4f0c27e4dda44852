package io.mirrorguard.rules.topology;

import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Matches addresses to configured instances that are not in the snapshot, the way {@link AddressResolver} matches
 * audited ones (configured name, host, aliases; any port, since their endpoints are unknown).
 */
public final class OutsideSnapshot {
    private final AddressResolver resolver;

    public OutsideSnapshot(List<Target> targets) {
        this.resolver = new AddressResolver(targets.stream()
                .map(t -> InstanceFacts.unreadable(t, Collection.failed(Instant.EPOCH, 0, CollectionFailure.ERROR,
                        "outside the snapshot")))
                .toList());
    }

    /** The configured name a TCP:// address stands for, when exactly one instance matches. */
    public Optional<String> resolveAddress(String address) {
        return Optional.ofNullable(resolver.resolveAddress(address).instance());
    }

    /** The configured name a server name (@@SERVERNAME, as sys.database_mirroring_witnesses reports it) stands for. */
    public Optional<String> resolveServerName(String serverName) {
        return Optional.ofNullable(resolver.resolveServerName(serverName).instance());
    }
}
