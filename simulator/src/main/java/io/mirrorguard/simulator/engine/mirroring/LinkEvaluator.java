package io.mirrorguard.simulator.engine.mirroring;

import io.mirrorguard.simulator.engine.SimulatedFleet;
import io.mirrorguard.simulator.engine.SimulatedInstance;
import io.mirrorguard.simulator.engine.model.Certificate;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.DatabasePrincipal;
import io.mirrorguard.simulator.engine.model.Endpoint;
import io.mirrorguard.simulator.engine.model.InstanceState;
import io.mirrorguard.simulator.engine.model.ServerPrincipal;
import io.mirrorguard.simulator.engine.security.Permissions;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a database mirroring transport connection between two instances would be established, the way
 * the endpoints negotiate it: reachability, endpoint state and role, encryption, and certificate authentication in
 * both directions (each side proves its endpoint certificate's private key; the other side must hold that public key
 * in master, owned by a user whose login may CONNECT to its endpoint). The simulated instances are not in a domain,
 * so Windows authentication never succeeds and a WINDOWS-only endpoint cannot connect.
 */
public final class LinkEvaluator {

    /** PARTNER: partner to partner; WITNESS: partner to witness; FROM_WITNESS: witness to partner. */
    public enum Purpose { PARTNER, WITNESS, FROM_WITNESS }

    /** Why a link fails (the handshake failure SQL Server logs), or OK. */
    public enum Cause {
        OK, NO_SUCH_HOST, NO_LOCAL_ENDPOINT, NO_REMOTE_ENDPOINT, LOCAL_ENDPOINT_NOT_STARTED, REMOTE_ENDPOINT_NOT_STARTED,
        ROLE_MISMATCH, ENCRYPTION_INCOMPATIBLE, NO_COMMON_ALGORITHM, WINDOWS_AUTH_UNAVAILABLE, LOCAL_CERT_MISSING,
        LOCAL_CERT_NOT_VALID, LOCAL_CERT_NO_USABLE_KEY, REMOTE_CERT_MISSING, REMOTE_CERT_NOT_VALID, PEER_NOT_TRUSTED,
        PEER_LOGIN_NO_CONNECT
    }

    /**
     * @param algorithm negotiated encryption: 0 none, 1 RC4, 2 AES
     * @param localPeerCertId id (in the initiator's master) of the certificate that authenticated the peer
     * @param remotePeerCertId id (in the peer's master) of the certificate that authenticated the initiator
     */
    public record Result(Cause cause, SimulatedInstance peer, int algorithm, int localPeerCertId, int remotePeerCertId,
                         String localPeerLogin, String remotePeerLogin) {
        public boolean ok() {
            return cause == Cause.OK;
        }

        static Result fail(Cause c, SimulatedInstance peer) {
            return new Result(c, peer, -1, 0, 0, null, null);
        }
    }

    private final SimulatedFleet fleet;

    public LinkEvaluator(SimulatedFleet fleet) {
        this.fleet = fleet;
    }

    /** Evaluates the connection {@code from} would open to {@code address}. */
    public Result evaluate(SimulatedInstance from, String address, Purpose purpose) {
        Optional<MirroringAddress> a = MirroringAddress.parse(address);
        if (a.isEmpty()) return Result.fail(Cause.NO_SUCH_HOST, null);
        Optional<SimulatedInstance> peer = fleet.lookup(a.get().host());
        if (peer.isEmpty()) return Result.fail(Cause.NO_SUCH_HOST, null);
        SimulatedInstance to = peer.get();
        Optional<Endpoint> local = from.state().mirroringEndpoint();
        if (local.isEmpty()) return Result.fail(Cause.NO_LOCAL_ENDPOINT, to);
        Optional<Endpoint> remote = to.state().mirroringEndpoint().filter(e -> e.port == a.get().port());
        if (remote.isEmpty()) return Result.fail(Cause.NO_REMOTE_ENDPOINT, to);
        return evaluate(from, local.get(), to, remote.get(), purpose, fleet.utcNow());
    }

    /** The connection {@code from} opens to {@code to}'s mirroring endpoint, whatever its port. */
    public Result evaluate(SimulatedInstance from, SimulatedInstance to, Purpose purpose) {
        Optional<Endpoint> local = from.state().mirroringEndpoint();
        Optional<Endpoint> remote = to.state().mirroringEndpoint();
        if (local.isEmpty()) return Result.fail(Cause.NO_LOCAL_ENDPOINT, to);
        if (remote.isEmpty()) return Result.fail(Cause.NO_REMOTE_ENDPOINT, to);
        return evaluate(from, local.get(), to, remote.get(), purpose, fleet.utcNow());
    }

    /** Both connections of a partner-witness pair: the partner's to the witness address and the witness's back. */
    public Result witnessLink(SimulatedInstance partner, String witnessAddress) {
        Result out = evaluate(partner, witnessAddress, Purpose.WITNESS);
        if (!out.ok()) return out;
        Result back = evaluate(out.peer(), partner, Purpose.FROM_WITNESS);
        return back.ok() ? out : back;
    }

    /** The negotiation itself, between two known endpoints. */
    public static Result evaluate(SimulatedInstance from, Endpoint local, SimulatedInstance to, Endpoint remote,
                                  Purpose purpose, LocalDateTime now) {
        if (local.state != 0) return Result.fail(Cause.LOCAL_ENDPOINT_NOT_STARTED, to);
        if (remote.state != 0) return Result.fail(Cause.REMOTE_ENDPOINT_NOT_STARTED, to);
        boolean localPartner = purpose == Purpose.FROM_WITNESS ? local.role == 2 || local.role == 3 : local.role == 1 || local.role == 3;
        boolean remoteOk = purpose == Purpose.WITNESS ? remote.role == 2 || remote.role == 3 : remote.role == 1 || remote.role == 3;
        if (!localPartner || !remoteOk) return Result.fail(Cause.ROLE_MISMATCH, to);
        int alg = negotiate(local.encryptionAlgorithm, remote.encryptionAlgorithm);
        if (alg == -1) return Result.fail(Cause.ENCRYPTION_INCOMPATIBLE, to);
        if (alg == -2) return Result.fail(Cause.NO_COMMON_ALGORITHM, to);
        if (!local.usesCertificate() || !remote.usesCertificate()) return Result.fail(Cause.WINDOWS_AUTH_UNAVAILABLE, to);
        Trust outbound = trust(from.state(), local, to.state(), remote, now, true);
        if (outbound.cause != Cause.OK) return Result.fail(outbound.cause, to);
        Trust inbound = trust(to.state(), remote, from.state(), local, now, false);
        if (inbound.cause != Cause.OK) return Result.fail(inbound.cause, to);
        return new Result(Cause.OK, to, alg, inbound.certId, outbound.certId, inbound.login, outbound.login);
    }

    private record Trust(Cause cause, int certId, String login) {}

    /** {@code prover} authenticates to {@code verifier} with its endpoint certificate. */
    private static Trust trust(InstanceState prover, Endpoint proverEp, InstanceState verifier, Endpoint verifierEp,
                               LocalDateTime now, boolean proverIsInitiator) {
        Cause missing = proverIsInitiator ? Cause.LOCAL_CERT_MISSING : Cause.REMOTE_CERT_MISSING;
        Cause invalid = proverIsInitiator ? Cause.LOCAL_CERT_NOT_VALID : Cause.REMOTE_CERT_NOT_VALID;
        Database pm = prover.master();
        Certificate own = pm.certificateById(proverEp.certificateId).orElse(null);
        if (own == null) return new Trust(missing, 0, null);
        if (!own.validAt(now)) return new Trust(invalid, 0, null);
        boolean keyUsable = own.privateKey != null && "MK".equals(own.pvtKeyEncryptionType) && pm.masterKey != null
            && pm.masterKey.encryptedByServiceMasterKey;
        if (!keyUsable) return new Trust(proverIsInitiator ? Cause.LOCAL_CERT_NO_USABLE_KEY : Cause.REMOTE_CERT_MISSING, 0, null);
        Database vm = verifier.master();
        List<Certificate> matches = new ArrayList<>();
        for (Certificate c : vm.certificates.values()) {
            if (Arrays.equals(c.publicKeyEncoded, own.publicKeyEncoded)) matches.add(c);
        }
        if (matches.isEmpty()) return new Trust(Cause.PEER_NOT_TRUSTED, 0, null);
        Cause last = Cause.PEER_NOT_TRUSTED;
        for (Certificate c : matches) {
            if (!c.validAt(now)) { last = invalid; continue; }
            DatabasePrincipal owner = vm.principalById(c.ownerPrincipalId).orElse(null);
            if (owner == null || owner.sid == null) continue;
            ServerPrincipal login = verifier.loginForSid(owner.sid).orElse(null);
            if (login == null || login.disabled) { last = Cause.PEER_LOGIN_NO_CONNECT; continue; }
            if (Permissions.hasEndpoint(verifier, login.id, verifierEp, "CO")) return new Trust(Cause.OK, c.id, login.name);
            last = Cause.PEER_LOGIN_NO_CONNECT;
        }
        return new Trust(last, 0, null);
    }

    private static final int[][] ALGS = {{}, {1}, {2}, {1}, {2}, {1, 2}, {2, 1}, {1, 2}, {2, 1}};

    /**
     * The algorithm two endpoints agree on: 0 none, 1 RC4, 2 AES; -1 when one side is DISABLED and the other
     * REQUIRED; -2 when both encrypt but share no algorithm. The accepting side's preference order wins.
     */
    public static int negotiate(int initiator, int acceptor) {
        boolean iRequired = initiator == 1 || initiator == 2 || initiator == 5 || initiator == 6;
        boolean aRequired = acceptor == 1 || acceptor == 2 || acceptor == 5 || acceptor == 6;
        if (initiator == 0 || acceptor == 0) {
            if ((initiator == 0 && aRequired) || (acceptor == 0 && iRequired)) return -1;
            return 0;
        }
        for (int alg : ALGS[acceptor]) {
            for (int mine : ALGS[initiator]) {
                if (mine == alg) return alg;
            }
        }
        return -2;
    }
}
