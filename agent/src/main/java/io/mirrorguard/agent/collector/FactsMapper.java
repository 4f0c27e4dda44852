package io.mirrorguard.agent.collector;

import io.mirrorguard.rules.model.AvailabilityDatabase;
import io.mirrorguard.rules.model.AvailabilityGroup;
import io.mirrorguard.rules.model.AvailabilityReplica;
import io.mirrorguard.rules.model.Certificate;
import io.mirrorguard.rules.model.CertificateDetails;
import io.mirrorguard.rules.model.Collection;
import io.mirrorguard.rules.model.DatabasePrincipal;
import io.mirrorguard.rules.model.InstanceFacts;
import io.mirrorguard.rules.model.MasterKey;
import io.mirrorguard.rules.model.MirroredDatabase;
import io.mirrorguard.rules.model.MirroringConnection;
import io.mirrorguard.rules.model.MirroringEndpoint;
import io.mirrorguard.rules.model.RoleMembership;
import io.mirrorguard.rules.model.Section;
import io.mirrorguard.rules.model.SeedingOperation;
import io.mirrorguard.rules.model.ServerIdentity;
import io.mirrorguard.rules.model.ServerPermission;
import io.mirrorguard.rules.model.ServerPrincipal;
import io.mirrorguard.rules.model.SharedText;
import io.mirrorguard.rules.model.Target;
import io.mirrorguard.rules.model.WitnessRole;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the raw sections of one batch into {@link InstanceFacts}. Certificate validity dates are UTC in SQL Server;
 * every other datetime is the server's local time and is converted with the offset between SYSDATETIME() and
 * SYSUTCDATETIME() read in the same batch.
 */
final class FactsMapper {

    private static final Logger LOG = LoggerFactory.getLogger(FactsMapper.class);

    /** Errors SQL Server raises when the login lacks a permission (object, column, action, server state, database). */
    static final Set<Integer> PERMISSION_ERRORS = Set.of(229, 230, 262, 297, 300, 916, 15151, 15247);

    private final BatchOutput output;
    private final Access access;
    private final ZoneOffset serverOffset;

    private FactsMapper(BatchOutput output, Access access, ZoneOffset serverOffset) {
        this.output = output;
        this.access = access;
        this.serverOffset = serverOffset;
    }

    /** The identity section alone: needed first, to check who answered before trusting anything else. */
    static Section<ServerIdentity> identity(BatchOutput output) {
        return section(output.get(CatalogSection.IDENTITY), Access.NONE, rows -> identity(single(rows, "identity")));
    }

    /** Every section; {@code identity} must be READ (see {@link #identity(BatchOutput)}). */
    static InstanceFacts facts(Target target, Collection collection, BatchOutput output,
                               Section<ServerIdentity> identity) {
        Row id = single(output.get(CatalogSection.IDENTITY).rows(), "identity");
        FactsMapper m = new FactsMapper(output, access(id), offset(id));
        return new InstanceFacts(target, collection, identity,
                m.section(CatalogSection.MASTER_KEY, rows -> m.masterKey(single(rows, "master_key"))),
                m.section(CatalogSection.CERTIFICATES, rows -> rows.stream().map(m::certificate).toList()),
                m.section(CatalogSection.ENDPOINTS, rows -> rows.stream().map(FactsMapper::endpoint).toList()),
                m.section(CatalogSection.SERVER_PRINCIPALS, rows -> rows.stream().map(m::serverPrincipal).toList()),
                m.section(CatalogSection.MASTER_PRINCIPALS, rows -> rows.stream().map(m::databasePrincipal).toList()),
                m.section(CatalogSection.SERVER_ROLE_MEMBERS, rows -> rows.stream().map(FactsMapper::roleMember).toList()),
                m.section(CatalogSection.SERVER_PERMISSIONS, rows -> rows.stream().map(FactsMapper::permission).toList()),
                m.section(CatalogSection.MIRRORED_DATABASES, rows -> rows.stream().map(FactsMapper::mirroredDatabase).toList()),
                m.section(CatalogSection.WITNESSES, rows -> rows.stream().map(FactsMapper::witness).toList()),
                m.section(CatalogSection.AVAILABILITY_REPLICAS, rows -> rows.stream().map(m::replica).toList()),
                m.section(CatalogSection.CONNECTIONS, rows -> rows.stream().map(m::connection).toList()),
                m.section(CatalogSection.AVAILABILITY_GROUPS, rows -> rows.stream().map(FactsMapper::group).toList()),
                m.section(CatalogSection.AVAILABILITY_DATABASES,
                        rows -> rows.stream().map(FactsMapper::availabilityDatabase).toList()),
                m.section(CatalogSection.SEEDING_OPERATIONS, rows -> rows.stream().map(m::seeding).toList()));
    }

    private <T> Section<T> section(CatalogSection s, Function<List<Row>, T> mapper) {
        return section(output.get(s), access, mapper);
    }

    private static <T> Section<T> section(RawSection raw, Access access, Function<List<Row>, T> mapper) {
        CatalogSection s = raw.section();
        switch (raw.status()) {
            case MISSING:
                return Section.failed(raw.errorMessage());
            case ERROR:
                String why = "error " + raw.errorNumber() + ": " + raw.errorMessage();
                return raw.errorNumber() != null && PERMISSION_ERRORS.contains(raw.errorNumber())
                        ? Section.notVisible(why) : Section.failed(why);
            default:
                if (!access.allows(s.need())) {
                    return Section.notVisible("the audit login lacks " + s.need().permission()
                            + ", so what " + s.markerName() + " shows (empty or not) proves nothing");
                }
                try {
                    return Section.read(mapper.apply(raw.rows()));
                } catch (MappingException e) {
                    return Section.failed(e.getMessage());
                }
        }
    }

    private static Row single(List<Row> rows, String section) {
        if (rows.size() != 1) {
            throw new MappingException(section + ": expected exactly one row, got " + rows.size());
        }
        return rows.get(0);
    }

    static ServerIdentity identity(Row r) {
        String version = r.string("product_version");
        Integer major = r.integer("product_major_version");
        if (major == null) {
            major = majorOf(version);
        }
        LocalDateTime utc = r.dateTime("utc_now");
        if (utc == null) {
            throw new MappingException("identity: SYSUTCDATETIME() returned NULL");
        }
        return new ServerIdentity(r.string("server_name"), r.string("machine_name"), version, major,
                r.string("edition"), r.integer("engine_edition"), utc.toInstant(ZoneOffset.UTC));
    }

    private static int majorOf(String productVersion) {
        if (productVersion == null) {
            throw new MappingException("identity: neither ProductMajorVersion nor ProductVersion was returned");
        }
        try {
            return Integer.parseInt(productVersion.trim().split("\\.")[0]);
        } catch (NumberFormatException e) {
            throw new MappingException("identity: cannot read a major version from " + productVersion);
        }
    }

    static Access access(Row r) {
        return new Access(one(r, "has_view_any_definition"), one(r, "has_view_server_state"),
                one(r, "has_view_any_database"), one(r, "is_sysadmin"));
    }

    private static boolean one(Row r, String column) {
        Integer v = r.integer(column);
        return v != null && v == 1;
    }

    /** The server's UTC offset, rounded to the minute (the two clock reads are microseconds apart). */
    static ZoneOffset offset(Row r) {
        LocalDateTime utc = r.dateTime("utc_now");
        LocalDateTime local = r.dateTime("local_now");
        if (utc == null || local == null) {
            return ZoneOffset.UTC;
        }
        long minutes = Math.round(Duration.between(utc, local).getSeconds() / 60.0);
        return ZoneOffset.ofTotalSeconds((int) Math.max(-18 * 60, Math.min(18 * 60, minutes)) * 60);
    }

    private Instant local(Row r, String column) {
        LocalDateTime t = r.dateTime(column);
        return t == null ? null : t.toInstant(serverOffset);
    }

    private static Instant utc(Row r, String column) {
        LocalDateTime t = r.dateTime(column);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    MasterKey masterKey(Row r) {
        boolean bySmk = r.flag("is_master_key_encrypted_by_server");
        if (r.string("key_name") == null) {
            return MasterKey.absent(bySmk);
        }
        return new MasterKey(true, bySmk, r.string("algorithm_desc"), r.integer("key_length"),
                local(r, "create_date"), local(r, "modify_date"));
    }

    Certificate certificate(Row r) {
        String name = r.string("name");
        byte[] der = r.bytes("certificate_der");
        CertificateDetails details = null;
        if (der != null) {
            try {
                details = DerCertificates.parse(der);
            } catch (CertificateException | RuntimeException e) {
                LOG.warn("certificate {}: CERTENCODED did not parse as X.509 ({})", name, e.getMessage());
            }
        }
        return new Certificate(name, r.requiredInt("certificate_id"), r.integer("principal_id"),
                trim(r.code("pvt_key_encryption_type")), r.string("pvt_key_encryption_type_desc"),
                r.flag("is_active_for_begin_dialog"), r.string("issuer_name"), r.string("cert_serial_number"),
                Hex.upper(r.bytes("sid")), r.string("string_sid"), r.string("subject"),
                utc(r, "start_date"), utc(r, "expiry_date"), Hex.upper(r.bytes("thumbprint")),
                local(r, "pvt_key_last_backup_date"), r.integer("key_length"), details);
    }

    static MirroringEndpoint endpoint(Row r) {
        return new MirroringEndpoint(r.string("name"), r.requiredInt("endpoint_id"), r.integer("principal_id"),
                r.string("protocol_desc"), r.string("type_desc"), r.requiredInt("state"), r.string("state_desc"),
                r.flag("is_admin_endpoint"), r.requiredInt("role"), r.string("role_desc"),
                r.flag("is_encryption_enabled"), r.requiredInt("connection_auth"), r.string("connection_auth_desc"),
                r.requiredInt("certificate_id"), r.requiredInt("encryption_algorithm"),
                r.string("encryption_algorithm_desc"), r.integer("port"), r.flag("is_dynamic_port"),
                r.string("ip_address"));
    }

    ServerPrincipal serverPrincipal(Row r) {
        return new ServerPrincipal(r.string("name"), r.requiredInt("principal_id"), Hex.upper(r.bytes("sid")),
                trim(r.code("type")), r.string("type_desc"), r.flag("is_disabled"), local(r, "create_date"),
                local(r, "modify_date"), r.string("default_database_name"), r.integer("owning_principal_id"),
                r.flag("is_fixed_role"));
    }

    DatabasePrincipal databasePrincipal(Row r) {
        return new DatabasePrincipal(r.string("name"), r.requiredInt("principal_id"), trim(r.code("type")),
                r.string("type_desc"), Hex.upper(r.bytes("sid")), r.string("default_schema_name"),
                local(r, "create_date"), local(r, "modify_date"), r.integer("owning_principal_id"),
                r.flag("is_fixed_role"), r.integer("authentication_type"), r.string("authentication_type_desc"));
    }

    static RoleMembership roleMember(Row r) {
        return new RoleMembership(r.requiredInt("role_principal_id"), r.string("role_name"),
                r.requiredInt("member_principal_id"), r.string("member_name"));
    }

    static ServerPermission permission(Row r) {
        return new ServerPermission(r.requiredInt("class"), r.string("class_desc"), r.requiredInt("major_id"),
                r.requiredInt("grantee_principal_id"), r.string("grantee_name"), r.integer("grantor_principal_id"),
                trim(r.code("type")), r.string("permission_name"), trim(r.code("state")), r.string("state_desc"));
    }

    static MirroredDatabase mirroredDatabase(Row r) {
        return new MirroredDatabase(r.requiredInt("database_id"), r.string("database_name"),
                r.uuid("mirroring_guid"), r.integer("mirroring_state"), r.string("mirroring_state_desc"),
                r.integer("mirroring_role"), r.string("mirroring_role_desc"), r.integer("mirroring_safety_level"),
                r.string("mirroring_safety_level_desc"), r.string("mirroring_partner_name"),
                r.string("mirroring_partner_instance"), r.string("mirroring_witness_name"),
                r.integer("mirroring_witness_state"), r.string("mirroring_witness_state_desc"),
                r.integer("mirroring_connection_timeout"));
    }

    static WitnessRole witness(Row r) {
        return new WitnessRole(r.string("database_name"), r.string("principal_server_name"),
                r.string("mirror_server_name"), r.integer("safety_level"), r.string("safety_level_desc"),
                r.uuid("mirroring_guid"), r.flag("is_suspended"), r.integer("partner_sync_state"),
                r.string("partner_sync_state_desc"));
    }

    AvailabilityReplica replica(Row r) {
        return new AvailabilityReplica(r.uuid("group_id"), r.uuid("replica_id"), r.string("replica_server_name"),
                r.string("endpoint_url"), r.integer("availability_mode"), r.string("availability_mode_desc"),
                r.integer("failover_mode"), r.string("failover_mode_desc"), r.bool("is_local"), r.string("role_desc"),
                r.integer("connected_state"), r.string("connected_state_desc"), r.string("synchronization_health_desc"),
                r.integer("last_connect_error_number"), r.string("last_connect_error_description"),
                local(r, "last_connect_error_timestamp"), r.integer("seeding_mode"), r.string("seeding_mode_desc"));
    }

    static AvailabilityGroup group(Row r) {
        return new AvailabilityGroup(r.uuid("group_id"), r.string("name"), r.string("cluster_type_desc"),
                r.bool("is_distributed"), r.bool("is_contained"));
    }

    static AvailabilityDatabase availabilityDatabase(Row r) {
        return new AvailabilityDatabase(r.uuid("group_id"), r.uuid("group_database_id"), r.string("database_name"),
                r.integer("local_database_id"), r.string("local_synchronization_state_desc"));
    }

    SeedingOperation seeding(Row r) {
        return new SeedingOperation(r.uuid("ag_id"), r.uuid("ag_db_id"), r.uuid("ag_remote_replica_id"),
                r.bool("is_source"), trim(r.string("current_state")), r.integer("failure_state"),
                trim(r.string("failure_state_desc")), r.integer("error_code"), r.integer("number_of_attempts"),
                local(r, "start_time"), local(r, "completion_time"));
    }

    MirroringConnection connection(Row r) {
        Integer algorithm = r.integer("encryption_algorithm");
        return new MirroringConnection(r.uuid("connection_id"), r.integer("state"), r.string("state_desc"),
                local(r, "connect_time"), local(r, "login_time"), r.string("authentication_method"),
                r.string("principal_name"), r.string("remote_user_name"), r.flag("is_accept"),
                r.integer("login_state"), r.string("login_state_desc"), r.integer("peer_certificate_id"),
                algorithm == null ? 0 : algorithm, r.string("encryption_algorithm_desc"), r.string("address"));
    }

    private static String trim(String s) {
        return s == null ? null : SharedText.of(s.trim());
    }
}
