-- mirrorguard catalog batch: everything one audit reads from one instance, in ONE round trip.
-- Constant text: nothing in it is built from data. Every section starts with a marker result set
-- (mg_section, mg_status = READ, NULL, NULL) followed by its data result set. A section the login may not read
-- is answered instead by an ERROR marker (mg_section, ERROR, error number, message) and the batch goes on.
-- The reader keys on mg_section, never on position alone.
-- Permission gaps never raise errors here: catalog views hide rows silently (the reader judges them with the
-- HAS_PERMS_BY_NAME answers of the identity section), DMVs are guarded by IF HAS_PERMS_BY_NAME. A statement-level
-- error nothing guards (say a lock timeout) is recorded by the reader against the section being read; SQL Server
-- goes on with the next statement.
-- Columns whose existence depends on the version are probed with COL_LENGTH and read through sp_executesql so
-- that the batch compiles on every version. The connection's database is master (COL_LENGTH and CERTENCODED use it).
SET NOCOUNT ON;
SET LOCK_TIMEOUT 5000;

-- identity, the instance's own clock, and what the login may see
SELECT N'identity' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT
    CAST(@@SERVERNAME AS nvarchar(256)) AS server_name,
    CAST(SERVERPROPERTY('MachineName') AS nvarchar(256)) AS machine_name,
    CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
    CAST(SERVERPROPERTY('ProductMajorVersion') AS int) AS product_major_version,
    CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
    CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,
    SYSUTCDATETIME() AS utc_now,
    SYSDATETIME() AS local_now,
    HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW ANY DEFINITION') AS has_view_any_definition,
    HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS has_view_server_state,
    HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW ANY DATABASE') AS has_view_any_database,
    IS_SRVROLEMEMBER('sysadmin') AS is_sysadmin;

-- master's database master key (id 101) and whether the service master key protects it
SELECT N'master_key' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT
    d.is_master_key_encrypted_by_server,
    k.name AS key_name,
    k.key_length,
    k.algorithm_desc,
    k.create_date,
    k.modify_date
FROM sys.databases AS d
LEFT JOIN master.sys.symmetric_keys AS k ON k.symmetric_key_id = 101
WHERE d.name = N'master';

-- certificates in master with their DER; key_length only where the column exists
SELECT N'certificates' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
IF COL_LENGTH('sys.certificates', 'key_length') IS NOT NULL
    EXEC sp_executesql N'SELECT c.name, c.certificate_id, c.principal_id, c.pvt_key_encryption_type, c.pvt_key_encryption_type_desc,
            c.is_active_for_begin_dialog, c.issuer_name, c.cert_serial_number, c.sid, c.string_sid, c.subject,
            c.start_date, c.expiry_date, c.thumbprint, c.pvt_key_last_backup_date, c.key_length,
            CERTENCODED(c.certificate_id) AS certificate_der
        FROM master.sys.certificates AS c ORDER BY c.certificate_id;'
ELSE
BEGIN
    SELECT c.name, c.certificate_id, c.principal_id, c.pvt_key_encryption_type, c.pvt_key_encryption_type_desc,
        c.is_active_for_begin_dialog, c.issuer_name, c.cert_serial_number, c.sid, c.string_sid, c.subject,
        c.start_date, c.expiry_date, c.thumbprint, c.pvt_key_last_backup_date, CAST(NULL AS int) AS key_length,
        CERTENCODED(c.certificate_id) AS certificate_der
    FROM master.sys.certificates AS c ORDER BY c.certificate_id;
END;

-- the DATABASE_MIRRORING endpoint with its TCP listener
SELECT N'endpoints' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT e.name, e.endpoint_id, e.principal_id, e.protocol_desc, e.type_desc, e.state, e.state_desc,
    e.is_admin_endpoint, e.role, e.role_desc, e.is_encryption_enabled, e.connection_auth, e.connection_auth_desc,
    e.certificate_id, e.encryption_algorithm, e.encryption_algorithm_desc,
    t.port, t.is_dynamic_port, t.ip_address
FROM sys.database_mirroring_endpoints AS e
LEFT JOIN sys.tcp_endpoints AS t ON t.endpoint_id = e.endpoint_id
ORDER BY e.endpoint_id;

SELECT N'server_principals' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT p.name, p.principal_id, p.sid, p.type, p.type_desc, p.is_disabled, p.create_date, p.modify_date,
    p.default_database_name, p.owning_principal_id, p.is_fixed_role
FROM sys.server_principals AS p
ORDER BY p.principal_id;

SELECT N'master_principals' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT p.name, p.principal_id, p.type, p.type_desc, p.sid, p.default_schema_name, p.create_date, p.modify_date,
    p.owning_principal_id, p.is_fixed_role, p.authentication_type, p.authentication_type_desc
FROM master.sys.database_principals AS p
ORDER BY p.principal_id;

SELECT N'server_role_members' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT m.role_principal_id, r.name AS role_name, m.member_principal_id, p.name AS member_name
FROM sys.server_role_members AS m
LEFT JOIN sys.server_principals AS r ON r.principal_id = m.role_principal_id
LEFT JOIN sys.server_principals AS p ON p.principal_id = m.member_principal_id
ORDER BY m.role_principal_id, m.member_principal_id;

-- server-level (100) and endpoint (105) permissions
SELECT N'server_permissions' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT sp.class, sp.class_desc, sp.major_id, sp.grantee_principal_id, g.name AS grantee_name,
    sp.grantor_principal_id, sp.type, sp.permission_name, sp.state, sp.state_desc
FROM sys.server_permissions AS sp
LEFT JOIN sys.server_principals AS g ON g.principal_id = sp.grantee_principal_id
WHERE sp.class IN (100, 105)
ORDER BY sp.class, sp.major_id, sp.grantee_principal_id;

SELECT N'mirrored_databases' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT dm.database_id, DB_NAME(dm.database_id) AS database_name, dm.mirroring_guid, dm.mirroring_state,
    dm.mirroring_state_desc, dm.mirroring_role, dm.mirroring_role_desc, dm.mirroring_safety_level,
    dm.mirroring_safety_level_desc, dm.mirroring_partner_name, dm.mirroring_partner_instance,
    dm.mirroring_witness_name, dm.mirroring_witness_state, dm.mirroring_witness_state_desc,
    dm.mirroring_connection_timeout
FROM sys.database_mirroring AS dm
JOIN sys.databases AS d ON d.database_id = dm.database_id
-- On a mirror database every mirroring_* column is NULL unless the login is sysadmin (sys.database_mirroring docs);
-- a mirror database is RESTORING, so such a row is kept (with NULL columns) to say what is true: visible only to
-- sysadmin.
WHERE dm.mirroring_guid IS NOT NULL
    OR (d.state_desc = N'RESTORING' AND IS_SRVROLEMEMBER(N'sysadmin') = 0)
ORDER BY dm.database_id;

SELECT N'witnesses' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
SELECT w.database_name, w.principal_server_name, w.mirror_server_name, w.safety_level, w.safety_level_desc,
    w.mirroring_guid, w.is_suspended, w.partner_sync_state, w.partner_sync_state_desc
FROM sys.database_mirroring_witnesses AS w
ORDER BY w.database_name;

-- availability replicas; their live state needs VIEW SERVER STATE, without it the state columns stay NULL;
-- seeding_mode exists from SQL Server 2016
SELECT N'availability_replicas' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
IF HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') = 1
BEGIN
    IF COL_LENGTH('sys.availability_replicas', 'seeding_mode') IS NOT NULL
        EXEC sp_executesql N'SELECT ar.group_id, ar.replica_id, ar.replica_server_name, ar.endpoint_url, ar.availability_mode,
                ar.availability_mode_desc, ar.failover_mode, ar.failover_mode_desc, rs.is_local, rs.role_desc,
                rs.connected_state, rs.connected_state_desc, rs.synchronization_health_desc,
                rs.last_connect_error_number, rs.last_connect_error_description, rs.last_connect_error_timestamp,
                ar.seeding_mode, ar.seeding_mode_desc
            FROM sys.availability_replicas AS ar
            LEFT JOIN sys.dm_hadr_availability_replica_states AS rs ON rs.replica_id = ar.replica_id
            ORDER BY ar.group_id, ar.replica_server_name;'
    ELSE
    BEGIN
        SELECT ar.group_id, ar.replica_id, ar.replica_server_name, ar.endpoint_url, ar.availability_mode,
            ar.availability_mode_desc, ar.failover_mode, ar.failover_mode_desc, rs.is_local, rs.role_desc,
            rs.connected_state, rs.connected_state_desc, rs.synchronization_health_desc,
            rs.last_connect_error_number, rs.last_connect_error_description, rs.last_connect_error_timestamp,
            CAST(NULL AS tinyint) AS seeding_mode, CAST(NULL AS nvarchar(60)) AS seeding_mode_desc
        FROM sys.availability_replicas AS ar
        LEFT JOIN sys.dm_hadr_availability_replica_states AS rs ON rs.replica_id = ar.replica_id
        ORDER BY ar.group_id, ar.replica_server_name;
    END;
END
ELSE
BEGIN
    IF COL_LENGTH('sys.availability_replicas', 'seeding_mode') IS NOT NULL
        EXEC sp_executesql N'SELECT ar.group_id, ar.replica_id, ar.replica_server_name, ar.endpoint_url, ar.availability_mode,
                ar.availability_mode_desc, ar.failover_mode, ar.failover_mode_desc, CAST(NULL AS bit) AS is_local,
                CAST(NULL AS nvarchar(60)) AS role_desc, CAST(NULL AS tinyint) AS connected_state,
                CAST(NULL AS nvarchar(60)) AS connected_state_desc, CAST(NULL AS nvarchar(60)) AS synchronization_health_desc,
                CAST(NULL AS int) AS last_connect_error_number, CAST(NULL AS nvarchar(1024)) AS last_connect_error_description,
                CAST(NULL AS datetime) AS last_connect_error_timestamp, ar.seeding_mode, ar.seeding_mode_desc
            FROM sys.availability_replicas AS ar
            ORDER BY ar.group_id, ar.replica_server_name;'
    ELSE
    BEGIN
        SELECT ar.group_id, ar.replica_id, ar.replica_server_name, ar.endpoint_url, ar.availability_mode,
            ar.availability_mode_desc, ar.failover_mode, ar.failover_mode_desc, CAST(NULL AS bit) AS is_local,
            CAST(NULL AS nvarchar(60)) AS role_desc, CAST(NULL AS tinyint) AS connected_state,
            CAST(NULL AS nvarchar(60)) AS connected_state_desc, CAST(NULL AS nvarchar(60)) AS synchronization_health_desc,
            CAST(NULL AS int) AS last_connect_error_number, CAST(NULL AS nvarchar(1024)) AS last_connect_error_description,
            CAST(NULL AS datetime) AS last_connect_error_timestamp,
            CAST(NULL AS tinyint) AS seeding_mode, CAST(NULL AS nvarchar(60)) AS seeding_mode_desc
        FROM sys.availability_replicas AS ar
        ORDER BY ar.group_id, ar.replica_server_name;
    END;
END;

-- live endpoint connections (VIEW SERVER STATE, which covers 2022's VIEW SERVER PERFORMANCE STATE);
-- address exists only on newer versions
SELECT N'connections' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
IF HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') = 1
BEGIN
    IF COL_LENGTH('sys.dm_db_mirroring_connections', 'address') IS NOT NULL
        EXEC sp_executesql N'SELECT mc.connection_id, mc.state, mc.state_desc, mc.connect_time, mc.login_time,
                mc.authentication_method, mc.principal_name, mc.remote_user_name, mc.is_accept, mc.login_state,
                mc.login_state_desc, mc.peer_certificate_id, mc.encryption_algorithm, mc.encryption_algorithm_desc,
                mc.address
            FROM sys.dm_db_mirroring_connections AS mc ORDER BY mc.connect_time;'
    ELSE
    BEGIN
        SELECT mc.connection_id, mc.state, mc.state_desc, mc.connect_time, mc.login_time,
            mc.authentication_method, mc.principal_name, mc.remote_user_name, mc.is_accept, mc.login_state,
            mc.login_state_desc, mc.peer_certificate_id, mc.encryption_algorithm, mc.encryption_algorithm_desc,
            CAST(NULL AS nvarchar(256)) AS address
        FROM sys.dm_db_mirroring_connections AS mc ORDER BY mc.connect_time;
    END;
END
ELSE
BEGIN
    SELECT N'connections' AS mg_section, N'ERROR' AS mg_status, 300 AS mg_error_number,
        N'VIEW SERVER STATE permission is missing' AS mg_error_message;
END;

-- availability groups hosted here; is_distributed (2016), cluster_type_desc (2017) and is_contained (2022) are
-- probed newest first (each version has the older columns too). Where the view does not exist there are no groups.
SELECT N'availability_groups' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
IF OBJECT_ID(N'sys.availability_groups') IS NULL
    SELECT CAST(NULL AS uniqueidentifier) AS group_id, CAST(NULL AS nvarchar(128)) AS name,
        CAST(NULL AS nvarchar(60)) AS cluster_type_desc, CAST(NULL AS bit) AS is_distributed, CAST(NULL AS bit) AS is_contained
    WHERE 1 = 0;
ELSE IF COL_LENGTH('sys.availability_groups', 'is_contained') IS NOT NULL
    EXEC sp_executesql N'SELECT ag.group_id, ag.name, ag.cluster_type_desc, ag.is_distributed, ag.is_contained
        FROM sys.availability_groups AS ag ORDER BY ag.name;'
ELSE IF COL_LENGTH('sys.availability_groups', 'cluster_type_desc') IS NOT NULL
    EXEC sp_executesql N'SELECT ag.group_id, ag.name, ag.cluster_type_desc, ag.is_distributed,
            CAST(NULL AS bit) AS is_contained
        FROM sys.availability_groups AS ag ORDER BY ag.name;'
ELSE IF COL_LENGTH('sys.availability_groups', 'is_distributed') IS NOT NULL
    EXEC sp_executesql N'SELECT ag.group_id, ag.name, CAST(NULL AS nvarchar(60)) AS cluster_type_desc, ag.is_distributed,
            CAST(NULL AS bit) AS is_contained
        FROM sys.availability_groups AS ag ORDER BY ag.name;'
ELSE
    EXEC sp_executesql N'SELECT ag.group_id, ag.name, CAST(NULL AS nvarchar(60)) AS cluster_type_desc,
            CAST(NULL AS bit) AS is_distributed, CAST(NULL AS bit) AS is_contained
        FROM sys.availability_groups AS ag ORDER BY ag.name;';

-- databases of those groups and whether this replica's copy joined (the local row of the database replica
-- states, VIEW SERVER STATE): an automatic-seeding secondary lacking the seeding permission has no local copy
SELECT N'availability_databases' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
IF HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') = 1
BEGIN
    IF OBJECT_ID(N'sys.availability_databases_cluster') IS NULL OR OBJECT_ID(N'sys.dm_hadr_database_replica_states') IS NULL
        SELECT CAST(NULL AS uniqueidentifier) AS group_id, CAST(NULL AS uniqueidentifier) AS group_database_id,
            CAST(NULL AS nvarchar(128)) AS database_name, CAST(NULL AS int) AS local_database_id,
            CAST(NULL AS nvarchar(60)) AS local_synchronization_state_desc
        WHERE 1 = 0;
    ELSE
        EXEC sp_executesql N'SELECT adc.group_id, adc.group_database_id, adc.database_name,
                drs.database_id AS local_database_id, drs.synchronization_state_desc AS local_synchronization_state_desc
            FROM sys.availability_databases_cluster AS adc
            LEFT JOIN sys.dm_hadr_database_replica_states AS drs
                ON drs.group_database_id = adc.group_database_id AND drs.group_id = adc.group_id AND drs.is_local = 1
            ORDER BY adc.group_id, adc.database_name;';
END
ELSE
BEGIN
    SELECT N'availability_databases' AS mg_section, N'ERROR' AS mg_status, 300 AS mg_error_number,
        N'VIEW SERVER STATE permission is missing' AS mg_error_message;
END;

-- automatic seeding attempts (rows on the seeding source, the primary); the view exists from SQL Server 2016,
-- before which there is no automatic seeding
SELECT N'seeding_operations' AS mg_section, N'READ' AS mg_status, CAST(NULL AS int) AS mg_error_number, CAST(NULL AS nvarchar(2048)) AS mg_error_message;
IF HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') = 1
BEGIN
    IF OBJECT_ID(N'sys.dm_hadr_automatic_seeding') IS NULL
        SELECT CAST(NULL AS datetime) AS start_time, CAST(NULL AS datetime) AS completion_time,
            CAST(NULL AS uniqueidentifier) AS ag_id, CAST(NULL AS uniqueidentifier) AS ag_db_id,
            CAST(NULL AS uniqueidentifier) AS ag_remote_replica_id, CAST(NULL AS bit) AS is_source,
            CAST(NULL AS nvarchar(60)) AS current_state, CAST(NULL AS int) AS failure_state,
            CAST(NULL AS nvarchar(120)) AS failure_state_desc, CAST(NULL AS int) AS error_code,
            CAST(NULL AS int) AS number_of_attempts
        WHERE 1 = 0;
    ELSE
        EXEC sp_executesql N'SELECT s.start_time, s.completion_time, s.ag_id, s.ag_db_id, s.ag_remote_replica_id,
                s.is_source, CAST(s.current_state AS nvarchar(60)) AS current_state, s.failure_state,
                CAST(s.failure_state_desc AS nvarchar(120)) AS failure_state_desc, s.error_code, s.number_of_attempts
            FROM sys.dm_hadr_automatic_seeding AS s
            ORDER BY s.start_time;';
END
ELSE
BEGIN
    SELECT N'seeding_operations' AS mg_section, N'ERROR' AS mg_status, 300 AS mg_error_number,
        N'VIEW SERVER STATE permission is missing' AS mg_error_message;
END;
