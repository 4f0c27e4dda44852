package io.mirrorguard.agent.testing;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.CertificateDetails;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.CollectionFailure;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MasterKey;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.ServerIdentity;
import io.mirrorguard.rules.model.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Instance facts for agent tests: an instance with a certificate-authenticated endpoint and peers' cert copies. */
public final class Facts {
    public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private Facts() {}

    public static String thumbprintOf(String instance) {
        return String.format("%040X", Math.abs((long) instance.hashCode()));
    }

    public static Certificate endpointCertificate(String owner, int id) {
        return new Certificate(owner + "_cert", id, 1, "MK", "ENCRYPTED_BY_MASTER_KEY", true, "CN=" + owner,
                "01", "0106", "S-1-9", "CN=" + owner, NOW.minusSeconds(86_400), NOW.plusSeconds(86_400L * 100),
                thumbprintOf(owner), null, 2048,
                new CertificateDetails("RSA", 2048, "SHA256withRSA", NOW.minusSeconds(86_400),
                        NOW.plusSeconds(86_400L * 100), "CN=" + owner, "CN=" + owner, thumbprintOf(owner), "AA=="));
    }

    public static Certificate peerCopy(String peer, int id) {
        Certificate c = endpointCertificate(peer, id);
        return new Certificate(peer + "_cert_copy", id, 5, "NA", "NO_PRIVATE_KEY", true, c.issuerName(),
                c.serialNumber(), c.sid(), c.stringSid(), c.subject(), c.startDate(), c.expiryDate(), c.thumbprint(),
                null, c.keyLength(), c.details());
    }

    public static MirroringEndpoint endpoint(int certificateId) {
        return new MirroringEndpoint("Mirroring", 65536, 1, "TCP", "DATABASE_MIRRORING", 0, "STARTED", false, 1,
                "PARTNER", true, 4, "CERTIFICATE", certificateId, 2, "AES", 5022, false, null);
    }

    /** A readable instance whose endpoint uses its own certificate and which holds copies of the peers' ones. */
    public static InstanceFacts instance(String name, String... peers) {
        List<Certificate> certs = new ArrayList<>();
        certs.add(endpointCertificate(name, 256));
        int id = 257;
        for (String p : peers) {
            certs.add(peerCopy(p, id++));
        }
        return new InstanceFacts(Target.named(name), Collection.ok(NOW, 40, 1),
                Section.read(new ServerIdentity(name, name, "16.0.4135.4", 16, "Developer", 3, NOW)),
                Section.read(new MasterKey(true, true, "AES_256", 256, NOW, NOW)),
                Section.read(List.copyOf(certs)), Section.read(List.of(endpoint(256))),
                Section.read(List.of()), Section.read(List.of()), Section.read(List.of()), Section.read(List.of()),
                Section.read(List.of()), Section.read(List.of()), Section.read(List.of()), Section.read(List.of()), Section.read(List.of()),
                Section.read(List.of()), Section.read(List.of()));
    }

    public static InstanceFacts unreachable(String name, String why) {
        return InstanceFacts.unreadable(Target.named(name),
                Collection.failed(NOW, 1000, CollectionFailure.UNREACHABLE, why));
    }
}
