package io.mirrorguard.rules.remediation;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.CertificateDetails;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.DatabasePrincipal;
import io.mirrorguard.rules.model.FleetSnapshot;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MasterKey;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.ServerIdentity;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import io.mirrorguard.rules.model.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A hand-built instance for remediation tests: endpoint, its certificate, and trust for the peers given. */
public final class TinyFleet {

    public static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    final String name;
    String endpointName = "Endpoint_Mirroring";
    int encryptionCode = 2;
    public int state = 0;
    public int endpointCertificateId = 256;
    public final List<Certificate> certs = new ArrayList<>();
    public final List<io.mirrorguard.rules.model.MirroredDatabase> databases = new ArrayList<>();
    final List<ServerPrincipal> logins = new ArrayList<>();
    final List<DatabasePrincipal> users = new ArrayList<>();
    final List<ServerPermission> perms = new ArrayList<>();
    private int nextId = 300;

    public TinyFleet(String name) {
        this.name = name;
        certs.add(cert(name + "_cert", 256, 1, "MK", thumb(name)));
    }

    public static String thumb(String who) {
        String hex = String.format("%040X", Math.abs((long) who.hashCode()));
        return hex.substring(hex.length() - 40);
    }

    public static Certificate cert(String name, int id, Integer owner, String pvt, String thumbprint) {
        var details = new CertificateDetails("RSA", 2048, "SHA256withRSA", NOW.minusSeconds(86400), NOW.plusSeconds(86400 * 300),
                "CN=" + name, "CN=" + name, thumbprint,
                Base64.getEncoder().encodeToString(new byte[] {0x30, (byte) 0x82, 0x01, 0x0A}));
        return new Certificate(name, id, owner, pvt, pvt, false, "CN=" + name, "01", null, null, name,
                NOW.minusSeconds(86400), NOW.plusSeconds(86400 * 300), thumbprint, null, null, details);
    }

    /** Inbound steps 1-5 on this instance for {@code peer}. */
    public TinyFleet trusts(TinyFleet peer, boolean withConnect) {
        int loginId = nextId++;
        int userId = nextId++;
        String sid = "AA" + loginId;
        logins.add(new ServerPrincipal(peer.name + "_login", loginId, sid, "S", "SQL_LOGIN", false, NOW, NOW, "master", null, false));
        users.add(new DatabasePrincipal(peer.name + "_user", userId, "S", "SQL_USER", sid, "dbo", NOW, NOW, null, false, 1, "INSTANCE"));
        certs.add(cert(peer.name + "_cert", nextId++, userId, "NA", thumb(peer.name)));
        if (withConnect) {
            perms.add(connect(loginId, peer.name + "_login", "G"));
        }
        return this;
    }

    ServerPermission connect(int grantee, String granteeName, String state) {
        return new ServerPermission(105, "ENDPOINT", 65536, grantee, granteeName, 1, "CO  ", "CONNECT", state,
                state.equals("D") ? "DENY" : "GRANT");
    }

    public InstanceFacts facts() {
        var ep = new MirroringEndpoint(endpointName, 65536, 1, "TCP", "DATABASE_MIRRORING", state,
                state == 0 ? "STARTED" : "STOPPED", false, 3, "ALL", encryptionCode != 0, 4, "CERTIFICATE", endpointCertificateId,
                encryptionCode, "AES", 5022, false, null);
        return new InstanceFacts(new Target(name, name, 1433, List.of(), null), Collection.ok(NOW, 5, 1),
                Section.read(new ServerIdentity(name, name, "16.0.4135.4", 16, "Developer Edition", 3, NOW)),
                Section.read(new MasterKey(true, true, "AES_256", 256, NOW, NOW)),
                Section.read(List.copyOf(certs)), Section.read(List.of(ep)), Section.read(List.copyOf(logins)),
                Section.read(List.copyOf(users)), Section.read(List.of()), Section.read(List.copyOf(perms)),
                Section.read(List.copyOf(databases)), Section.read(List.of()), Section.read(List.of()), Section.read(List.of()), Section.read(List.of()),
                Section.read(List.of()), Section.read(List.of()));
    }

    public static FleetSnapshot snapshot(TinyFleet... instances) {
        return new FleetSnapshot(1, NOW, java.util.Arrays.stream(instances).map(TinyFleet::facts).toList(), List.of());
    }
}
