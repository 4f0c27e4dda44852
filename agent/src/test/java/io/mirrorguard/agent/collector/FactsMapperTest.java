package io.mirrorguard.agent.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.SectionStatus;
import io.mirrorguard.rules.model.ServerIdentity;
import io.mirrorguard.rules.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FactsMapperTest {

    private static final Target TARGET = Target.named("SQLA");
    private static final Collection OK = Collection.ok(Instant.parse("2026-11-26T12:00:00Z"), 5, 1);
    private static final UUID GUID = UUID.fromString("9f2d6c1e-8a2b-4c7d-9e0f-112233445566");

    private final Map<CatalogSection, RawSection> sections = new EnumMap<>(CatalogSection.class);

    static Row row(String section, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Row(section, m);
    }

    /** Server clock UTC+02:00; the login holds VIEW ANY DEFINITION and VIEW SERVER STATE. */
    private Row identityRow(int viewAnyDefinition) {
        return row("identity", "server_name", "SQLA", "machine_name", "HOSTA", "product_version", "16.0.4135.4",
                "product_major_version", 16, "edition", "Developer Edition (64-bit)", "engine_edition", 3,
                "utc_now", LocalDateTime.parse("2026-11-26T12:00:00.1234567"),
                "local_now", LocalDateTime.parse("2026-11-26T14:00:00.1234601"),
                "has_view_any_definition", viewAnyDefinition, "has_view_server_state", 1,
                "has_view_any_database", 1, "is_sysadmin", 0);
    }

    private void put(CatalogSection s, Row... rows) {
        sections.put(s, RawSection.read(s, List.of(rows)));
    }

    private InstanceFacts map() {
        BatchOutput out = new BatchOutput(sections);
        Section<ServerIdentity> identity = FactsMapper.identity(out);
        return FactsMapper.facts(TARGET, OK, out, identity);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FactsMapperTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void identity_uses_the_server_clock_and_version() {
        put(CatalogSection.IDENTITY, identityRow(1));
        ServerIdentity id = map().identity().value();
        assertThat(id.serverName()).isEqualTo("SQLA");
        assertThat(id.majorVersion()).isEqualTo(16);
        assertThat(id.utcNow()).isEqualTo(Instant.parse("2026-11-26T12:00:00.1234567Z"));
    }

    @Test
    void major_version_falls_back_to_product_version() {
        Row r = row("identity", "server_name", "S", "machine_name", null, "product_version", "13.0.5026.0",
                "product_major_version", null, "edition", null, "engine_edition", null,
                "utc_now", LocalDateTime.parse("2026-01-01T00:00:00"), "local_now", null);
        assertThat(FactsMapper.identity(r).majorVersion()).isEqualTo(13);
    }

    @Test
    void certificate_rows_are_mapped_and_der_parsed() throws IOException {
        byte[] der = resource("host_a_rsa2048_sha256.der");
        byte[] thumbprint = HexFormat.of().parseHex("f04e4af931cdbf6d0e1041d609c0c6cbc64b24ce");
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.CERTIFICATES, row("certificates", "name", "HOST_A_cert", "certificate_id", 256,
                "principal_id", 1, "pvt_key_encryption_type", "MK", "pvt_key_encryption_type_desc",
                "ENCRYPTED_BY_MASTER_KEY", "is_active_for_begin_dialog", true, "issuer_name", "HOST_A certificate",
                "cert_serial_number", "1a 2b", "sid", new byte[] {0x01, 0x0a, (byte) 0xff}, "string_sid", "S-1-9-3",
                "subject", "HOST_A certificate for database mirroring",
                "start_date", LocalDateTime.parse("2026-11-26T16:39:02"),
                "expiry_date", LocalDateTime.parse("2027-11-26T16:39:02"), "thumbprint", thumbprint,
                "pvt_key_last_backup_date", LocalDateTime.parse("2026-11-26T15:00:00"), "key_length", null,
                "certificate_der", der));
        Certificate c = map().certificates().value().get(0);
        assertThat(c.name()).isEqualTo("HOST_A_cert");
        assertThat(c.sid()).isEqualTo("010AFF");
        assertThat(c.thumbprint()).isEqualTo("F04E4AF931CDBF6D0E1041D609C0C6CBC64B24CE");
        assertThat(c.hasPrivateKey()).isTrue();
        assertThat(c.expiryDate()).isEqualTo(Instant.parse("2027-11-26T16:39:02Z"));
        // backup date is server-local time (UTC+2 here)
        assertThat(c.pvtKeyLastBackupDate()).isEqualTo(Instant.parse("2026-11-26T13:00:00Z"));
        assertThat(c.keyLength()).isNull();
        assertThat(c.details().keyAlgorithm()).isEqualTo("RSA");
        assertThat(c.details().keyBits()).isEqualTo(2048);
        assertThat(c.details().signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(c.details().sha1Thumbprint()).isEqualTo(c.thumbprint());
        assertThat(c.details().notAfter()).isEqualTo(Instant.parse("2027-11-26T16:39:02Z"));
        assertThat(c.details().subjectDn()).isEqualTo("CN=HOST_A certificate for database mirroring");
        assertThat(java.util.Base64.getDecoder().decode(c.details().derBase64())).isEqualTo(der);
    }

    @Test
    void weak_certificate_reports_its_real_key_size_and_hash() throws IOException {
        byte[] der = resource("old_rsa1024_sha1.der");
        var details = assertParses(der);
        assertThat(details.keyBits()).isEqualTo(1024);
        assertThat(details.signatureAlgorithm()).isEqualTo("SHA1withRSA");
        assertThat(details.sha1Thumbprint()).isEqualTo("F1CFBE60EDDDDD97124897ADEB6D9CF46BAD3C8F");
    }

    private static io.mirrorguard.rules.model.CertificateDetails assertParses(byte[] der) {
        try {
            return DerCertificates.parse(der);
        } catch (java.security.cert.CertificateException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unparseable_der_leaves_details_null_but_keeps_the_certificate() {
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.CERTIFICATES, row("certificates", "name", "broken", "certificate_id", 257,
                "principal_id", 5, "pvt_key_encryption_type", "NA", "pvt_key_encryption_type_desc", "NO_PRIVATE_KEY",
                "is_active_for_begin_dialog", false, "issuer_name", "x", "cert_serial_number", "1", "sid", null,
                "string_sid", null, "subject", "x", "start_date", null, "expiry_date", null, "thumbprint", null,
                "pvt_key_last_backup_date", null, "key_length", 2048, "certificate_der", new byte[] {1, 2, 3}));
        Certificate c = map().certificates().value().get(0);
        assertThat(c.details()).isNull();
        assertThat(c.hasPrivateKey()).isFalse();
        assertThat(c.keyLength()).isEqualTo(2048);
    }

    @Test
    void without_view_any_definition_an_empty_certificate_list_is_not_visible() {
        put(CatalogSection.IDENTITY, identityRow(0));
        put(CatalogSection.CERTIFICATES);
        put(CatalogSection.CONNECTIONS);
        InstanceFacts f = map();
        assertThat(f.certificates().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
        assertThat(f.certificates().reason()).contains("VIEW ANY DEFINITION");
        // VIEW SERVER STATE is held: an empty connection list is a fact
        assertThat(f.connections().status()).isEqualTo(SectionStatus.READ);
        assertThat(f.connections().value()).isEmpty();
    }

    @Test
    void permission_error_marker_is_not_visible_other_errors_failed() {
        put(CatalogSection.IDENTITY, identityRow(1));
        sections.put(CatalogSection.CONNECTIONS, RawSection.error(CatalogSection.CONNECTIONS, 300,
                "VIEW SERVER STATE permission was denied on object 'server', database 'master'."));
        sections.put(CatalogSection.ENDPOINTS, RawSection.error(CatalogSection.ENDPOINTS, 1222,
                "Lock request time out period exceeded."));
        InstanceFacts f = map();
        assertThat(f.connections().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
        assertThat(f.connections().reason()).startsWith("error 300: VIEW SERVER STATE permission was denied");
        assertThat(f.endpoints().status()).isEqualTo(SectionStatus.FAILED);
        assertThat(f.endpoints().reason()).isEqualTo("error 1222: Lock request time out period exceeded.");
        // never announced at all
        assertThat(f.witnessRoles().status()).isEqualTo(SectionStatus.FAILED);
        assertThat(f.witnessRoles().reason()).contains("no marker");
    }

    @Test
    void a_missing_column_fails_only_its_section_and_names_the_column() {
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.SERVER_ROLE_MEMBERS, row("server_role_members", "role_principal_id", 3, "role_name", "sysadmin"));
        put(CatalogSection.WITNESSES);
        InstanceFacts f = map();
        assertThat(f.serverRoleMembers().status()).isEqualTo(SectionStatus.FAILED);
        assertThat(f.serverRoleMembers().reason()).isEqualTo("server_role_members: result set has no column member_principal_id");
        assertThat(f.witnessRoles().isRead()).isTrue();
    }

    @Test
    void endpoint_permission_and_principal_rows_are_mapped() {
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.ENDPOINTS, row("endpoints", "name", "Endpoint_Mirroring", "endpoint_id", 65536,
                "principal_id", 1, "protocol_desc", "TCP", "type_desc", "DATABASE_MIRRORING", "state", (short) 0,
                "state_desc", "STARTED", "is_admin_endpoint", false, "role", (short) 3, "role_desc", "ALL",
                "is_encryption_enabled", true, "connection_auth", (short) 4, "connection_auth_desc", "CERTIFICATE",
                "certificate_id", 256, "encryption_algorithm", (short) 2, "encryption_algorithm_desc", "AES",
                "port", 7024, "is_dynamic_port", false, "ip_address", null));
        put(CatalogSection.SERVER_PERMISSIONS, row("server_permissions", "class", (short) 105, "class_desc",
                "ENDPOINT", "major_id", 65536, "grantee_principal_id", 270, "grantee_name", "HOST_B_login",
                "grantor_principal_id", 1, "type", "CO  ", "permission_name", "CONNECT", "state", "G",
                "state_desc", "GRANT"));
        put(CatalogSection.SERVER_PRINCIPALS, row("server_principals", "name", "HOST_B_login", "principal_id", 270,
                "sid", new byte[] {(byte) 0xab, 0x01}, "type", "S", "type_desc", "SQL_LOGIN", "is_disabled", 0,
                "create_date", LocalDateTime.parse("2026-11-26T10:00:00"), "modify_date", null,
                "default_database_name", "master", "owning_principal_id", null, "is_fixed_role", false));
        put(CatalogSection.MASTER_KEY, row("master_key", "is_master_key_encrypted_by_server", true,
                "key_name", "##MS_DatabaseMasterKey##", "key_length", 256, "algorithm_desc", "AES_256",
                "create_date", LocalDateTime.parse("2026-11-26T10:00:00"), "modify_date", null));
        InstanceFacts f = map();
        MirroringEndpoint e = f.endpoints().value().get(0);
        assertThat(e.started()).isTrue();
        assertThat(e.authentication().certificate()).isTrue();
        assertThat(e.encryption().ddl()).isEqualTo("REQUIRED ALGORITHM AES");
        assertThat(e.port()).isEqualTo(7024);
        var p = f.serverPermissions().value().get(0);
        assertThat(p.type()).isEqualTo("CO");
        assertThat(p.granted()).isTrue();
        var login = f.serverPrincipals().value().get(0);
        assertThat(login.sid()).isEqualTo("AB01");
        assertThat(login.disabled()).isFalse();
        assertThat(login.createDate()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
        var mk = f.masterKey().value();
        assertThat(mk.present()).isTrue();
        assertThat(mk.encryptedByServiceMasterKey()).isTrue();
        assertThat(mk.algorithm()).isEqualTo("AES_256");
    }

    @Test
    void absent_master_key_is_read_as_absent() {
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.MASTER_KEY, row("master_key", "is_master_key_encrypted_by_server", false,
                "key_name", null, "key_length", null, "algorithm_desc", null, "create_date", null, "modify_date", null));
        var mk = map().masterKey();
        assertThat(mk.isRead()).isTrue();
        assertThat(mk.value().present()).isFalse();
        assertThat(mk.value().encryptedByServiceMasterKey()).isFalse();
    }

    @Test
    void mirroring_witness_replica_and_connection_rows_are_mapped() {
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.MIRRORED_DATABASES, row("mirrored_databases", "database_id", 5, "database_name", "Sales",
                "mirroring_guid", GUID.toString().toUpperCase(), "mirroring_state", (short) 4,
                "mirroring_state_desc", "SYNCHRONIZED", "mirroring_role", (short) 1, "mirroring_role_desc", "PRINCIPAL",
                "mirroring_safety_level", (short) 2, "mirroring_safety_level_desc", "FULL",
                "mirroring_partner_name", "TCP://hostb:7024", "mirroring_partner_instance", "SQLB",
                "mirroring_witness_name", "TCP://hostw:7024", "mirroring_witness_state", (short) 1,
                "mirroring_witness_state_desc", "CONNECTED", "mirroring_connection_timeout", 10));
        put(CatalogSection.WITNESSES);
        put(CatalogSection.AVAILABILITY_REPLICAS, row("availability_replicas", "group_id", GUID, "replica_id", GUID,
                "replica_server_name", "SQLB", "endpoint_url", "TCP://hostb:5022", "availability_mode", (short) 1,
                "availability_mode_desc", "SYNCHRONOUS_COMMIT", "failover_mode", (short) 0,
                "failover_mode_desc", "AUTOMATIC", "is_local", null, "role_desc", null, "connected_state", null,
                "connected_state_desc", null, "synchronization_health_desc", null, "last_connect_error_number", null,
                "last_connect_error_description", null, "last_connect_error_timestamp", null,
                "seeding_mode", null, "seeding_mode_desc", null));
        put(CatalogSection.CONNECTIONS, row("connections", "connection_id", GUID, "state", (short) 4, "state_desc",
                "LOGGED_IN", "connect_time", LocalDateTime.parse("2026-11-26T13:00:00"), "login_time", null,
                "authentication_method", "CERTIFICATE", "principal_name", "HOST_B_login", "remote_user_name", null,
                "is_accept", true, "login_state", (short) 12, "login_state_desc", "ONLINE",
                "peer_certificate_id", 257, "encryption_algorithm", (short) 2, "encryption_algorithm_desc", "AES",
                "address", null));
        InstanceFacts f = map();
        var db = f.mirroredDatabases().value().get(0);
        assertThat(db.mirroringGuid()).isEqualTo(GUID);
        assertThat(db.hasWitness()).isTrue();
        assertThat(f.witnessRoles().value()).isEmpty();
        assertThat(f.availabilityReplicas().value().get(0).local()).isNull();
        var c = f.connections().value().get(0);
        assertThat(c.accepted()).isTrue();
        assertThat(c.encryptionAlgorithm()).isEqualTo(2);
        assertThat(c.connectTime()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
    }

    @Test
    void availability_group_rows_are_mapped() {
        UUID db = UUID.fromString("1f2d6c1e-8a2b-4c7d-9e0f-112233445566");
        UUID remote = UUID.fromString("2f2d6c1e-8a2b-4c7d-9e0f-112233445566");
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.AVAILABILITY_REPLICAS, row("availability_replicas", "group_id", GUID, "replica_id", remote,
                "replica_server_name", "SQLB", "endpoint_url", "TCP://hostb:5022", "availability_mode", (short) 1,
                "availability_mode_desc", "SYNCHRONOUS_COMMIT", "failover_mode", (short) 1,
                "failover_mode_desc", "MANUAL", "is_local", false, "role_desc", "SECONDARY", "connected_state", (short) 0,
                "connected_state_desc", "DISCONNECTED", "synchronization_health_desc", "NOT_HEALTHY",
                "last_connect_error_number", 35206, "last_connect_error_description", "A connection timeout has occurred",
                "last_connect_error_timestamp", LocalDateTime.parse("2026-11-26T13:30:00"),
                "seeding_mode", (short) 0, "seeding_mode_desc", "AUTOMATIC"));
        put(CatalogSection.AVAILABILITY_GROUPS, row("availability_groups", "group_id", GUID, "name", "ag1",
                "cluster_type_desc", "none", "is_distributed", false, "is_contained", null));
        put(CatalogSection.AVAILABILITY_DATABASES, row("availability_databases", "group_id", GUID,
                "group_database_id", db, "database_name", "Sales", "local_database_id", null,
                "local_synchronization_state_desc", null));
        put(CatalogSection.SEEDING_OPERATIONS, row("seeding_operations", "start_time",
                LocalDateTime.parse("2026-11-26T13:00:00"), "completion_time", LocalDateTime.parse("2026-11-26T13:00:05"),
                "ag_id", GUID, "ag_db_id", db, "ag_remote_replica_id", remote, "is_source", true,
                "current_state", "FAILED ", "failure_state", 215, "failure_state_desc", "Seeding ",
                "error_code", 262, "number_of_attempts", 1));
        InstanceFacts f = map();
        var r = f.availabilityReplicas().value().get(0);
        assertThat(r.automaticSeeding()).isTrue();
        assertThat(r.disconnected()).isTrue();
        assertThat(r.lastConnectErrorTimestamp()).isEqualTo(Instant.parse("2026-11-26T11:30:00Z"));
        var g = f.availabilityGroups().value().get(0);
        assertThat(g.name()).isEqualTo("ag1");
        assertThat(g.clusterTypeDesc()).isEqualTo("none");
        assertThat(g.isDistributed()).isFalse();
        assertThat(g.contained()).isNull();
        var d = f.availabilityDatabases().value().get(0);
        assertThat(d.groupDatabaseId()).isEqualTo(db);
        assertThat(d.joinedLocally()).isFalse();
        var s = f.seedingOperations().value().get(0);
        assertThat(s.remoteReplicaId()).isEqualTo(remote);
        assertThat(s.currentState()).isEqualTo("FAILED");
        assertThat(s.failed()).isTrue();
        assertThat(s.errorCode()).isEqualTo(262);
        assertThat(s.startTime()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
    }

    @Test
    void ag_sections_answered_by_a_permission_error_are_not_visible() {
        put(CatalogSection.IDENTITY, identityRow(1));
        sections.put(CatalogSection.SEEDING_OPERATIONS, RawSection.error(CatalogSection.SEEDING_OPERATIONS, 300,
                "VIEW SERVER STATE permission is missing"));
        sections.put(CatalogSection.AVAILABILITY_DATABASES, RawSection.error(CatalogSection.AVAILABILITY_DATABASES,
                300, "VIEW SERVER STATE permission is missing"));
        InstanceFacts f = map();
        assertThat(f.seedingOperations().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
        assertThat(f.availabilityDatabases().status()).isEqualTo(SectionStatus.NOT_VISIBLE);
        assertThat(f.unreadSections()).anyMatch(x -> x.startsWith("seedingOperations (NOT_VISIBLE"));
    }

    @Test
    void wrong_value_type_fails_the_section_naming_the_column() {
        put(CatalogSection.IDENTITY, identityRow(1));
        put(CatalogSection.SERVER_ROLE_MEMBERS, row("server_role_members", "role_principal_id", "three",
                "role_name", "sysadmin", "member_principal_id", 1, "member_name", "sa"));
        var s = map().serverRoleMembers();
        assertThat(s.status()).isEqualTo(SectionStatus.FAILED);
        assertThat(s.reason()).isEqualTo("server_role_members: column role_principal_id should be a number, got String");
    }

    @Test
    void sysadmin_sees_everything_even_without_explicit_grants() {
        Row id = row("identity", "server_name", "SQLA", "machine_name", "H", "product_version", "16.0.1.0",
                "product_major_version", 16, "edition", "e", "engine_edition", 3,
                "utc_now", LocalDateTime.parse("2026-11-26T12:00:00"), "local_now", LocalDateTime.parse("2026-11-26T12:00:00"),
                "has_view_any_definition", 0, "has_view_server_state", 0, "has_view_any_database", 0, "is_sysadmin", 1);
        put(CatalogSection.IDENTITY, id);
        put(CatalogSection.CERTIFICATES);
        assertThat(map().certificates().isRead()).isTrue();
    }

    @Test
    void offset_rounds_to_whole_minutes() {
        Row r = row("identity", "utc_now", LocalDateTime.parse("2026-11-26T12:00:00.999"),
                "local_now", LocalDateTime.parse("2026-11-26T06:30:01.001"));
        assertThat(FactsMapper.offset(r).getTotalSeconds()).isEqualTo(-(5 * 3600 + 30 * 60));
    }
}
