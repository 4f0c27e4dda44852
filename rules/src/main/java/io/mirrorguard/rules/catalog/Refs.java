package io.mirrorguard.rules.catalog;

/** Reference URLs shared by several rules (annotation values must be constants). */
final class Refs {
    private Refs() {}

    static final String DOCS = "https://learn.microsoft.com/sql/";
    static final String OUTBOUND = DOCS + "database-engine/database-mirroring/database-mirroring-use-certificates-for-outbound-connections";
    static final String INBOUND = DOCS + "database-engine/database-mirroring/database-mirroring-use-certificates-for-inbound-connections";
    static final String USE_CERTIFICATES = DOCS + "database-engine/database-mirroring/use-certificates-for-a-database-mirroring-endpoint-transact-sql";
    static final String EXAMPLE = DOCS + "database-engine/database-mirroring/example-setting-up-database-mirroring-using-certificates-transact-sql";
    static final String ENDPOINT = DOCS + "database-engine/database-mirroring/the-database-mirroring-endpoint-sql-server";
    static final String TRANSPORT_SECURITY = DOCS + "database-engine/database-mirroring/transport-security-database-mirroring-always-on-availability";
    static final String CREATE_ENDPOINT = DOCS + "t-sql/statements/create-endpoint-transact-sql";
    static final String ALTER_ENDPOINT = DOCS + "t-sql/statements/alter-endpoint-transact-sql";
    static final String CREATE_CERTIFICATE = DOCS + "t-sql/statements/create-certificate-transact-sql";
    static final String BACKUP_CERTIFICATE = DOCS + "t-sql/statements/backup-certificate-transact-sql";
    static final String GRANT_ENDPOINT = DOCS + "t-sql/statements/grant-endpoint-permissions-transact-sql";
    static final String TROUBLESHOOT = DOCS + "database-engine/database-mirroring/troubleshoot-database-mirroring-configuration-sql-server";
    static final String SYS_CERTIFICATES = DOCS + "relational-databases/system-catalog-views/sys-certificates-transact-sql";
    static final String SYS_DATABASE_MIRRORING = DOCS + "relational-databases/system-catalog-views/sys-database-mirroring-transact-sql";
    static final String DM_CONNECTIONS = DOCS + "relational-databases/system-dynamic-management-views/database-mirroring-sys-dm-db-mirroring-connections";
    static final String SERVER_NETWORK_ADDRESS = DOCS + "database-engine/database-mirroring/specify-a-server-network-address-database-mirroring";
    static final String DEFENDER_VA = "https://learn.microsoft.com/azure/defender-for-cloud/sql-azure-vulnerability-assessment-rules";
    static final String VA1098 = "Microsoft Defender for SQL vulnerability assessment VA1098 (mirroring/Service Broker endpoints require AES): " + DEFENDER_VA;
    static final String VA1223 = "Microsoft Defender for SQL vulnerability assessment VA1223 (certificate keys of at least 2048 bits): " + DEFENDER_VA;
    static final String VA1095 = "Microsoft Defender for SQL vulnerability assessment VA1095 (excessive permissions granted to PUBLIC): " + DEFENDER_VA;
    static final String STIG_AES = "DISA STIG SV-274447 / MS SQL Server 2016 Instance STIG V-214031: SQL Server mirroring endpoint must use AES encryption";
    static final String AG_ENDPOINT_URL = DOCS + "database-engine/availability-groups/windows/specify-endpoint-url-adding-or-modifying-availability-replica";
    static final String SYS_AVAILABILITY_REPLICAS = DOCS + "relational-databases/system-catalog-views/sys-availability-replicas-transact-sql";
    static final String ALTER_AG = DOCS + "t-sql/statements/alter-availability-group-transact-sql";
    static final String DM_REPLICA_STATES = DOCS + "relational-databases/system-dynamic-management-views/sys-dm-hadr-availability-replica-states-transact-sql";
    static final String AUTOMATIC_SEEDING = DOCS + "database-engine/availability-groups/windows/automatically-initialize-always-on-availability-group";
    static final String DM_AUTOMATIC_SEEDING = DOCS + "relational-databases/system-dynamic-management-objects/sys-dm-hadr-automatic-seeding";
    static final String AG_LINUX_CERTIFICATES = DOCS + "linux/sql-server-linux-availability-group-configure-ha";
    static final String CREATE_LOGIN = DOCS + "t-sql/statements/create-login-transact-sql";
}
