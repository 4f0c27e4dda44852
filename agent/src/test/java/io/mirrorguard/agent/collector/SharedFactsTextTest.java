package io.mirrorguard.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.Target;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Equal text read from two instances is one object in memory: a fleet repeats the same catalog values on every
 * instance, and the daemon holds every instance's latest facts.
 */
class SharedFactsTextTest {

    private static final Target TARGET = Target.named("SQLA");
    private static final Collection OK = Collection.ok(Instant.parse("2026-11-26T12:00:00Z"), 5, 1);

    /** One instance's facts mapped from rows built afresh. */
    private static InstanceFacts collect(byte[] der) {
        Map<CatalogSection, RawSection> sections = new EnumMap<>(CatalogSection.class);
        sections.put(CatalogSection.IDENTITY, RawSection.read(CatalogSection.IDENTITY, List.of(FactsMapperTest.row(
                "identity", "server_name", fresh("SQLA"), "machine_name", fresh("HOSTA"), "product_version",
                fresh("16.0.4135.4"), "product_major_version", 16, "edition", fresh("Developer Edition (64-bit)"),
                "engine_edition", 3, "utc_now", LocalDateTime.parse("2026-11-26T12:00:00"),
                "local_now", LocalDateTime.parse("2026-11-26T12:00:00"), "has_view_any_definition", 1,
                "has_view_server_state", 1, "has_view_any_database", 1, "is_sysadmin", 0))));
        sections.put(CatalogSection.SERVER_PRINCIPALS,
                RawSection.read(CatalogSection.SERVER_PRINCIPALS, List.of(principal())));
        sections.put(CatalogSection.SERVER_PERMISSIONS,
                RawSection.read(CatalogSection.SERVER_PERMISSIONS, List.of(permission())));
        sections.put(CatalogSection.CERTIFICATES, RawSection.read(CatalogSection.CERTIFICATES, List.of(certificate(der))));
        BatchOutput out = new BatchOutput(sections);
        return FactsMapper.facts(TARGET, OK, out, FactsMapper.identity(out));
    }

    /** Each call builds its strings afresh, as the driver does for every row it decodes. */
    private static String fresh(String s) {
        return new String(s.toCharArray());
    }

    private static Row principal() {
        return FactsMapperTest.row("server_principals", "name", fresh("##MS_SQLReplicationSigningCertificate##"),
                "principal_id", 257, "sid", HexFormat.of().parseHex("010600000000000901000000"), "type", fresh("C"),
                "type_desc", fresh("CERTIFICATE_MAPPED_LOGIN"), "is_disabled", 1,
                "create_date", LocalDateTime.parse("2026-11-26T10:00:00"), "modify_date", null,
                "default_database_name", fresh("master"), "owning_principal_id", null, "is_fixed_role", false);
    }

    private static Row permission() {
        return FactsMapperTest.row("server_permissions", "class", (short) 105, "class_desc", fresh("ENDPOINT"),
                "major_id", 65536, "grantee_principal_id", 270, "grantee_name", fresh("HOST_B_login"),
                "grantor_principal_id", 1, "type", fresh("CO  "), "permission_name", fresh("CONNECT"),
                "state", fresh("G"), "state_desc", fresh("GRANT"));
    }

    private static Row certificate(byte[] der) {
        return FactsMapperTest.row("certificates", "name", fresh("HOST_A_cert"), "certificate_id", 256,
                "principal_id", 1, "pvt_key_encryption_type", fresh("NA"), "pvt_key_encryption_type_desc",
                fresh("NO_PRIVATE_KEY"), "is_active_for_begin_dialog", true, "issuer_name", fresh("HOST_A certificate"),
                "cert_serial_number", fresh("1a 2b"), "sid", new byte[] {0x01, 0x0a, (byte) 0xff},
                "string_sid", fresh("S-1-9-3"), "subject", fresh("HOST_A certificate for database mirroring"),
                "start_date", LocalDateTime.parse("2026-11-26T16:39:02"),
                "expiry_date", LocalDateTime.parse("2027-11-26T16:39:02"),
                "thumbprint", HexFormat.of().parseHex("f04e4af931cdbf6d0e1041d609c0c6cbc64b24ce"),
                "pvt_key_last_backup_date", null, "key_length", null, "certificate_der", der.clone());
    }

    private static byte[] der() throws IOException {
        try (InputStream in = SharedFactsTextTest.class.getResourceAsStream("host_a_rsa2048_sha256.der")) {
            return in.readAllBytes();
        }
    }

    @Test
    void equal_principal_and_permission_values_of_two_instances_are_one_object() throws IOException {
        InstanceFacts one = collect(der());
        InstanceFacts two = collect(der());
        ServerPrincipal a = one.serverPrincipals().value().get(0);
        ServerPrincipal b = two.serverPrincipals().value().get(0);
        assertThat(b.name()).isSameAs(a.name());
        assertThat(b.typeDesc()).isSameAs(a.typeDesc());
        assertThat(b.type()).isSameAs(a.type());
        assertThat(b.sid()).isEqualTo("010600000000000901000000").isSameAs(a.sid());
        assertThat(b.defaultDatabaseName()).isSameAs(a.defaultDatabaseName());

        ServerPermission p = one.serverPermissions().value().get(0);
        ServerPermission q = two.serverPermissions().value().get(0);
        assertThat(q.type()).isEqualTo("CO").isSameAs(p.type());
        assertThat(q.permissionName()).isSameAs(p.permissionName());
        assertThat(q.granteeName()).isSameAs(p.granteeName());
        assertThat(q.stateDesc()).isSameAs(p.stateDesc());
    }

    @Test
    void a_peer_certificate_installed_on_two_instances_is_held_once() throws IOException {
        Certificate a = collect(der()).certificates().value().get(0);
        Certificate b = collect(der()).certificates().value().get(0);
        assertThat(b.details()).isNotNull();
        assertThat(b.details().derBase64()).isEqualTo(a.details().derBase64()).isSameAs(a.details().derBase64());
        assertThat(b.details().subjectDn()).isSameAs(a.details().subjectDn());
        assertThat(b.details().issuerDn()).isSameAs(a.details().issuerDn());
        assertThat(b.thumbprint()).isSameAs(a.thumbprint());
        assertThat(b.details().sha1Thumbprint()).isSameAs(a.thumbprint());
        assertThat(b.subject()).isSameAs(a.subject());
        assertThat(b.pvtKeyEncryptionType()).isEqualTo("NA").isSameAs(a.pvtKeyEncryptionType());
    }
}
