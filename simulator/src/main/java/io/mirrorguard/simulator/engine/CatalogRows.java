package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.engine.catalog.CatalogSchema;
import io.mirrorguard.simulator.engine.mirroring.MirroringState;
import io.mirrorguard.simulator.engine.model.Certificate;
import io.mirrorguard.simulator.engine.model.Database;
import io.mirrorguard.simulator.engine.model.DatabasePrincipal;
import io.mirrorguard.simulator.engine.model.Endpoint;
import io.mirrorguard.simulator.engine.model.InstanceState;
import io.mirrorguard.simulator.engine.model.Permission;
import io.mirrorguard.simulator.engine.model.ServerPrincipal;
import io.mirrorguard.simulator.engine.security.Permissions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Produces the rows of each catalog view for one viewer, applying SQL Server's metadata visibility. */
final class CatalogRows {

    private CatalogRows() {}

    static List<Object[]> rows(EngineSession s, CatalogSchema.View v, Database db, String viewer) {
        List<Map<String, Object>> maps = switch (v.name()) {
            case "sys.endpoints", "sys.tcp_endpoints", "sys.database_mirroring_endpoints" -> endpoints(s, v.name(), viewer);
            case "sys.certificates" -> certificates(s, db, viewer);
            case "sys.symmetric_keys" -> symmetricKeys(s, db, viewer);
            case "sys.databases" -> databases(s);
            case "sys.server_principals" -> serverPrincipals(s, viewer);
            case "sys.sql_logins" -> sqlLogins(s, viewer);
            case "sys.server_role_members" -> roleMembers(s, viewer);
            case "sys.database_principals" -> databasePrincipals(s, db, viewer);
            case "sys.server_permissions" -> serverPermissions(s, viewer);
            case "sys.database_mirroring" -> databaseMirroring(s, viewer);
            case "sys.database_mirroring_witnesses" -> viewer.startsWith("L") ? List.of() : witnesses(s);
            case "sys.dm_db_mirroring_connections" -> connections(s);
            case "sys.availability_groups", "sys.availability_replicas", "sys.availability_databases_cluster",
                 "sys.dm_hadr_availability_replica_states", "sys.dm_hadr_database_replica_states",
                 "sys.dm_hadr_automatic_seeding" -> AvailabilityGroupRows.rows(s, v.name(), viewer);
            default -> List.of();
        };
        List<Object[]> out = new ArrayList<>(maps.size());
        for (Map<String, Object> m : maps) {
            Object[] r = new Object[v.columns().size()];
            for (var e : m.entrySet()) {
                int i = v.indexOf(e.getKey());
                if (i < 0) throw new IllegalStateException(v.name() + " has no column " + e.getKey());
                r[i] = e.getValue();
            }
            out.add(r);
        }
        return out;
    }

    private static int loginOf(String viewer) {
        return Integer.parseInt(viewer.substring(1));
    }

    private static List<Map<String, Object>> endpoints(EngineSession s, String view, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        InstanceState st = s.state();
        for (Endpoint e : st.endpoints.values()) {
            if (view.equals("sys.tcp_endpoints") && e.protocol != 2) continue;
            if (view.equals("sys.database_mirroring_endpoints") && !e.isMirroring()) continue;
            if (viewer.startsWith("L") && !Permissions.anyOnEndpoint(st, loginOf(viewer), e)) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", e.name);
            r.put("endpoint_id", e.id);
            r.put("principal_id", e.ownerId);
            r.put("protocol", e.protocol);
            r.put("protocol_desc", Endpoint.protocolDesc(e.protocol));
            r.put("type", e.type);
            r.put("type_desc", Endpoint.typeDesc(e.type));
            r.put("state", e.state);
            r.put("state_desc", Endpoint.stateDesc(e.state));
            r.put("is_admin_endpoint", e.adminEndpoint);
            if (view.equals("sys.tcp_endpoints")) {
                r.put("port", e.port);
                r.put("is_dynamic_port", e.dynamicPort);
                r.put("ip_address", e.ipAddress);
            }
            if (view.equals("sys.database_mirroring_endpoints")) {
                r.put("role", e.role);
                r.put("role_desc", Endpoint.roleDesc(e.role));
                r.put("is_encryption_enabled", e.encryptionAlgorithm != 0);
                r.put("connection_auth", e.connectionAuth);
                r.put("connection_auth_desc", Endpoint.authDesc(e.connectionAuth));
                r.put("certificate_id", e.usesCertificate() ? e.certificateId : 0);
                r.put("encryption_algorithm", e.encryptionAlgorithm);
                r.put("encryption_algorithm_desc", Endpoint.algorithmDesc(e.encryptionAlgorithm));
            }
            rows.add(r);
        }
        return rows;
    }

    /** Whether the session may see the certificate's metadata (VIEW DEFINITION, ownership, or sysadmin). */
    static boolean certificateVisible(EngineSession s, Database d, Certificate c) {
        String viewer = s.viewerClass();
        if (!viewer.startsWith("L")) return true;
        return s.currentUser().map(u -> u.id == c.ownerPrincipalId).orElse(false);
    }

    private static List<Map<String, Object>> certificates(EngineSession s, Database d, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Certificate c : d.certificates.values()) {
            if (viewer.startsWith("L") && !ownedBySessionUser(s, d, c.ownerPrincipalId)) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", c.name);
            r.put("certificate_id", c.id);
            r.put("principal_id", c.ownerPrincipalId);
            r.put("pvt_key_encryption_type", c.pvtKeyEncryptionType);
            r.put("pvt_key_encryption_type_desc", c.pvtKeyEncryptionTypeDesc());
            r.put("is_active_for_begin_dialog", c.activeForBeginDialog);
            r.put("issuer_name", c.issuer);
            r.put("cert_serial_number", c.serialNumber);
            r.put("sid", c.sid);
            r.put("string_sid", sidText(c.sid));
            r.put("subject", c.subject);
            r.put("expiry_date", c.expiryDate);
            r.put("start_date", c.startDate);
            r.put("thumbprint", c.thumbprint);
            r.put("attested_by", null);
            r.put("pvt_key_last_backup_date", c.pvtKeyLastBackupDate);
            rows.add(r);
        }
        return rows;
    }

    private static boolean ownedBySessionUser(EngineSession s, Database d, int principalId) {
        return d.userForSid(s.login().sid).map(u -> u.id == principalId).orElse(false);
    }

    private static String sidText(byte[] sid) {
        if (sid == null || sid.length < 8) return null;
        StringBuilder sb = new StringBuilder("S-").append(sid[0]).append('-').append(sid[7]);
        for (int i = 8; i + 3 < sid.length; i += 4) {
            long v = (sid[i] & 0xFFL) | (sid[i + 1] & 0xFFL) << 8 | (sid[i + 2] & 0xFFL) << 16 | (sid[i + 3] & 0xFFL) << 24;
            sb.append('-').append(v);
        }
        return sb.toString();
    }

    private static List<Map<String, Object>> symmetricKeys(EngineSession s, Database d, String viewer) {
        if (d.masterKey == null || viewer.startsWith("L")) return List.of();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "##MS_DatabaseMasterKey##");
        r.put("principal_id", 1);
        r.put("symmetric_key_id", 101);
        r.put("key_length", 256);
        r.put("key_algorithm", "A3");
        r.put("algorithm_desc", "AES_256");
        r.put("create_date", d.masterKey.createDate);
        r.put("modify_date", d.masterKey.modifyDate);
        r.put("key_guid", d.masterKey.guid);
        return List.of(r);
    }

    private static List<Map<String, Object>> databases(EngineSession s) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Database d : s.state().databases.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", d.name);
            r.put("database_id", d.id);
            r.put("owner_sid", s.state().principalById(d.ownerSidLogin).map(p -> p.sid).orElse(new byte[] {1}));
            r.put("create_date", d.createDate);
            r.put("compatibility_level", 160);
            r.put("collation_name", "SQL_Latin1_General_CP1_CI_AS");
            r.put("user_access", 0);
            r.put("user_access_desc", "MULTI_USER");
            r.put("is_read_only", false);
            r.put("is_auto_close_on", false);
            r.put("is_auto_shrink_on", false);
            r.put("state", d.stateCode());
            r.put("state_desc", d.state);
            r.put("is_in_standby", false);
            r.put("is_cleanly_shutdown", false);
            r.put("recovery_model", d.recoveryModelCode());
            r.put("recovery_model_desc", d.recoveryModel);
            r.put("page_verify_option", 2);
            r.put("page_verify_option_desc", "CHECKSUM");
            r.put("is_trustworthy_on", d.id == 4);
            r.put("is_db_chaining_on", d.id == 2 || d.id == 1 || d.id == 4);
            r.put("is_master_key_encrypted_by_server", d.masterKey != null && d.masterKey.encryptedByServiceMasterKey);
            r.put("is_broker_enabled", d.id == 4 || d.id == 2);
            r.put("is_encrypted", false);
            r.put("log_reuse_wait", d.mirroring != null ? 6 : 0);
            r.put("log_reuse_wait_desc", d.mirroring != null ? "DATABASE_MIRRORING" : "NOTHING");
            r.put("containment", 0);
            r.put("containment_desc", "NONE");
            rows.add(r);
        }
        return rows;
    }

    private static List<Map<String, Object>> serverPrincipals(EngineSession s, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ServerPrincipal p : s.state().serverPrincipals.values()) {
            if (viewer.startsWith("L") && !(p.id == loginOf(viewer) || p.isRole() || p.id == Permissions.SA)) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", p.name);
            r.put("principal_id", p.id);
            r.put("sid", p.sid);
            r.put("type", String.valueOf(p.type));
            r.put("type_desc", p.typeDesc());
            r.put("is_disabled", p.disabled ? 1 : 0);
            r.put("create_date", p.createDate);
            r.put("modify_date", p.modifyDate);
            r.put("default_database_name", p.isRole() ? null : p.defaultDatabase);
            r.put("default_language_name", p.isRole() ? null : "us_english");
            r.put("owning_principal_id", p.owningPrincipalId);
            r.put("is_fixed_role", p.fixedRole);
            rows.add(r);
        }
        return rows;
    }

    /** sys.sql_logins: the SQL logins of sys.server_principals with their password policy flags. */
    private static List<Map<String, Object>> sqlLogins(EngineSession s, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : serverPrincipals(s, viewer)) {
            if (!"S".equals(r.get("type"))) continue;
            ServerPrincipal p = s.state().principalById((Integer) r.get("principal_id")).orElseThrow();
            r.put("is_expiration_checked", p.expirationChecked);
            r.put("is_policy_checked", p.policyChecked);
            rows.add(r);
        }
        return rows;
    }

    private static List<Map<String, Object>> roleMembers(EngineSession s, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String m : s.state().roleMembers) {
            String[] p = m.split(":");
            int member = Integer.parseInt(p[1]);
            if (viewer.startsWith("L") && member != loginOf(viewer)) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("role_principal_id", Integer.parseInt(p[0]));
            r.put("member_principal_id", member);
            rows.add(r);
        }
        return rows;
    }

    private static List<Map<String, Object>> databasePrincipals(EngineSession s, Database d, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        var own = d.userForSid(s.login().sid);
        for (DatabasePrincipal p : d.principals.values()) {
            if (viewer.startsWith("L") && !(p.id <= 4 || p.type == 'R' && p.fixedRole || p.id == 0
                || own.map(u -> u.id == p.id).orElse(false))) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", p.name);
            r.put("principal_id", p.id);
            r.put("type", String.valueOf(p.type));
            r.put("type_desc", p.typeDesc());
            r.put("default_schema_name", p.defaultSchema);
            r.put("create_date", p.createDate);
            r.put("modify_date", p.modifyDate);
            r.put("owning_principal_id", p.owningPrincipalId);
            r.put("sid", p.sid);
            r.put("is_fixed_role", p.fixedRole);
            r.put("authentication_type", p.authenticationType);
            r.put("authentication_type_desc", p.authenticationTypeDesc());
            r.put("default_language_name", null);
            r.put("default_language_lcid", null);
            r.put("allow_encrypted_value_modifications", false);
            rows.add(r);
        }
        return rows;
    }

    private static List<Map<String, Object>> serverPermissions(EngineSession s, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Permission p : s.state().serverPermissions) {
            if (viewer.startsWith("L") && p.granteeId() != loginOf(viewer) && p.granteeId() != Permissions.PUBLIC) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("class", p.classId());
            r.put("class_desc", p.classDesc());
            r.put("major_id", p.majorId());
            r.put("minor_id", 0);
            r.put("grantee_principal_id", p.granteeId());
            r.put("grantor_principal_id", p.grantorId());
            r.put("type", p.type());
            r.put("permission_name", p.name());
            r.put("state", String.valueOf(p.state()));
            r.put("state_desc", p.stateDesc());
            rows.add(r);
        }
        return rows;
    }

    private static final String[] MIRRORING_STATES = {"SUSPENDED", "DISCONNECTED", "SYNCHRONIZING", "PENDING_FAILOVER",
        "SYNCHRONIZED", "UNSYNCHRONIZED", "SYNCHRONIZED"};

    private static List<Map<String, Object>> databaseMirroring(EngineSession s, String viewer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        MirroringState live = s.fleet().mirroring();
        for (Database d : s.state().databases.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("database_id", d.id);
            var m = d.mirroring;
            boolean show = m != null && m.established && (m.role == 1 || viewer.equals("SA"));
            if (show) {
                boolean up = live.connected(s.instance(), d);
                int state = m.suspended ? 0 : up ? 4 : 1;
                r.put("mirroring_guid", m.guid);
                r.put("mirroring_state", state);
                r.put("mirroring_state_desc", MIRRORING_STATES[state]);
                r.put("mirroring_role", m.role);
                r.put("mirroring_role_desc", m.role == 1 ? "PRINCIPAL" : "MIRROR");
                r.put("mirroring_role_sequence", m.roleSequence);
                r.put("mirroring_safety_level", m.safety);
                r.put("mirroring_safety_level_desc", m.safety == 2 ? "FULL" : "OFF");
                r.put("mirroring_safety_sequence", m.safetySequence);
                r.put("mirroring_partner_name", m.partnerAddress);
                r.put("mirroring_partner_instance", m.partnerInstance);
                r.put("mirroring_witness_name", m.witnessAddress == null ? "" : m.witnessAddress);
                int ws = m.witnessAddress == null ? 0 : live.witnessConnected(s.instance(), d) ? 1 : 2;
                r.put("mirroring_witness_state", ws);
                r.put("mirroring_witness_state_desc", ws == 0 ? "UNKNOWN" : ws == 1 ? "CONNECTED" : "DISCONNECTED");
                r.put("mirroring_failover_lsn", new BigDecimal("34000000017600001"));
                r.put("mirroring_connection_timeout", m.timeout);
                r.put("mirroring_redo_queue", null);
                r.put("mirroring_redo_queue_type", "UNLIMITED");
                r.put("mirroring_end_of_log_lsn", new BigDecimal("34000000017600001"));
                r.put("mirroring_replication_lsn", new BigDecimal("34000000017600001"));
            }
            rows.add(r);
        }
        return rows;
    }

    private static List<Map<String, Object>> witnesses(EngineSession s) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MirroringState.WitnessRole w : s.fleet().mirroring().witnessRolesOf(s.instance())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("database_name", w.database());
            r.put("principal_server_name", w.principal());
            r.put("mirror_server_name", w.mirror());
            r.put("safety_level", w.safety());
            r.put("safety_level_desc", w.safety() == 2 ? "FULL" : "OFF");
            r.put("safety_sequence_number", w.safetySequence());
            r.put("role_sequence_number", w.roleSequence());
            r.put("mirroring_guid", w.guid());
            r.put("family_guid", w.guid());
            r.put("is_suspended", w.suspended());
            r.put("is_suspended_sequence_number", 1);
            r.put("partner_sync_state", w.partnersConnected() ? 5 : 6);
            r.put("partner_sync_state_desc", w.partnersConnected() ? "SYNCHRONIZED" : "UNSYNCHRONIZED");
            rows.add(r);
        }
        return rows;
    }

    private static List<Map<String, Object>> connections(EngineSession s) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MirroringState.Connection c : s.fleet().mirroring().connectionsOf(s.instance())) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("connection_id", c.connectionId());
            r.put("transport_stream_id", c.transportId());
            r.put("state", 4);
            r.put("state_desc", "LOGGED_IN");
            r.put("connect_time", c.connectTime());
            r.put("login_time", c.connectTime());
            r.put("authentication_method", "Certificate");
            r.put("principal_name", c.principalName());
            r.put("remote_user_name", null);
            r.put("last_activity_time", s.now());
            r.put("is_accept", c.accept());
            r.put("login_state", 12);
            r.put("login_state_desc", "ONLINE");
            r.put("peer_certificate_id", c.peerCertificateId());
            r.put("encryption_algorithm", c.algorithm());
            r.put("encryption_algorithm_desc", io.mirrorguard.simulator.engine.model.Endpoint.algorithmDesc(c.algorithm()));
            r.put("receives_posted", 0);
            r.put("is_receive_flow_controlled", false);
            r.put("sends_posted", 0);
            r.put("is_send_flow_controlled", false);
            r.put("total_bytes_sent", 0L);
            r.put("total_bytes_received", 0L);
            r.put("total_fragments_sent", 0L);
            r.put("total_fragments_received", 0L);
            r.put("total_sends", 0L);
            r.put("total_receives", 0L);
            r.put("peer_arbitration_id", null);
            rows.add(r);
        }
        return rows;
    }
}
