-- Shared setup: a three-replica availability group on Linux-style hosts (no Windows cluster, CLUSTER_TYPE = NONE),
-- its DATABASE_MIRRORING endpoints secured with certificates the way Microsoft documents it, and automatic seeding.
-- Standard T-SQL in sqlcmd mode: runs the same way against real servers named SQLAG1, SQLAG2 and SQLAG3 (SQL Server
-- 2017 or later on Linux, hadr.hadrenabled = 1).
--
-- Steps:
--   1. Outbound, on every replica: master key, endpoint certificate, DATABASE_MIRRORING endpoint [Hadr_endpoint]
--      on port 5022 that authenticates with it (REQUIRED AES, ROLE = ALL), backup of the certificate (public part for
--      the peers, private key to the key vault folder).
--   2. Inbound, on every replica, for each other replica: login, user, the peer's public certificate owned by that
--      user, CONNECT on the endpoint. Any replica can become primary, so every pair trusts each other.
--   3. The group on SQLAG1: CREATE AVAILABILITY GROUP ... WITH (CLUSTER_TYPE = NONE), one REPLICA ON per host with
--      its ENDPOINT_URL, SEEDING_MODE = AUTOMATIC; SQLAG2 and SQLAG3 JOIN WITH (CLUSTER_TYPE = NONE); every replica
--      runs GRANT CREATE ANY DATABASE so that automatic seeding may create the group's databases there.
--   4. The database Orders: FULL recovery and a full backup on SQLAG1, then ADD DATABASE; seeding creates it on the
--      secondaries.

:setvar DataDir "/var/opt/mssql/data/"
:setvar KeyVaultDir "/var/opt/mssql/keyvault/"
:setvar MasterKeyPassword "Mk!Example-2026-Strong"
:setvar KeyBackupPassword "Kb!Example-2026-Strong"
:setvar PeerLoginPassword "Pl!Example-2026-Strong"
:setvar Group ag_orders
:setvar Database Orders

---------------------------------------------------------------------------------------------------
-- 1. Outbound: SQLAG1
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG1
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE SQLAG1_cert
    WITH SUBJECT = 'SQLAG1 certificate for the availability group endpoint';
GO
CREATE ENDPOINT [Hadr_endpoint]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE SQLAG1_cert,
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = ALL);
GO
BACKUP CERTIFICATE SQLAG1_cert TO FILE = '$(DataDir)SQLAG1_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLAG1_cert.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- 1. Outbound: SQLAG2
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG2
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE SQLAG2_cert
    WITH SUBJECT = 'SQLAG2 certificate for the availability group endpoint';
GO
CREATE ENDPOINT [Hadr_endpoint]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE SQLAG2_cert,
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = ALL);
GO
BACKUP CERTIFICATE SQLAG2_cert TO FILE = '$(DataDir)SQLAG2_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLAG2_cert.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- 1. Outbound: SQLAG3
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG3
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE SQLAG3_cert
    WITH SUBJECT = 'SQLAG3 certificate for the availability group endpoint';
GO
CREATE ENDPOINT [Hadr_endpoint]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE SQLAG3_cert,
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = ALL);
GO
BACKUP CERTIFICATE SQLAG3_cert TO FILE = '$(DataDir)SQLAG3_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLAG3_cert.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- 2. Inbound on SQLAG1: trust SQLAG2 and SQLAG3
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG1
USE master;
GO
CREATE LOGIN SQLAG2_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLAG2_user FOR LOGIN SQLAG2_login;
CREATE CERTIFICATE SQLAG2_cert AUTHORIZATION SQLAG2_user FROM FILE = '$(DataDir)SQLAG2_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [SQLAG2_login];
GO
CREATE LOGIN SQLAG3_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLAG3_user FOR LOGIN SQLAG3_login;
CREATE CERTIFICATE SQLAG3_cert AUTHORIZATION SQLAG3_user FROM FILE = '$(DataDir)SQLAG3_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [SQLAG3_login];
GO

---------------------------------------------------------------------------------------------------
-- 2. Inbound on SQLAG2: trust SQLAG1 and SQLAG3
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG2
USE master;
GO
CREATE LOGIN SQLAG1_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLAG1_user FOR LOGIN SQLAG1_login;
CREATE CERTIFICATE SQLAG1_cert AUTHORIZATION SQLAG1_user FROM FILE = '$(DataDir)SQLAG1_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [SQLAG1_login];
GO
CREATE LOGIN SQLAG3_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLAG3_user FOR LOGIN SQLAG3_login;
CREATE CERTIFICATE SQLAG3_cert AUTHORIZATION SQLAG3_user FROM FILE = '$(DataDir)SQLAG3_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [SQLAG3_login];
GO

---------------------------------------------------------------------------------------------------
-- 2. Inbound on SQLAG3: trust SQLAG1 and SQLAG2
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG3
USE master;
GO
CREATE LOGIN SQLAG1_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLAG1_user FOR LOGIN SQLAG1_login;
CREATE CERTIFICATE SQLAG1_cert AUTHORIZATION SQLAG1_user FROM FILE = '$(DataDir)SQLAG1_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [SQLAG1_login];
GO
CREATE LOGIN SQLAG2_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLAG2_user FOR LOGIN SQLAG2_login;
CREATE CERTIFICATE SQLAG2_cert AUTHORIZATION SQLAG2_user FROM FILE = '$(DataDir)SQLAG2_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [SQLAG2_login];
GO

---------------------------------------------------------------------------------------------------
-- 3. The group: created on SQLAG1, joined by SQLAG2 and SQLAG3, seeding allowed on every replica
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG1
USE master;
GO
CREATE AVAILABILITY GROUP [$(Group)]
    WITH (DB_FAILOVER = ON, CLUSTER_TYPE = NONE)
    FOR REPLICA ON
        N'SQLAG1' WITH (
            ENDPOINT_URL = N'TCP://SQLAG1.corp.example:5022',
            AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL,
            SEEDING_MODE = AUTOMATIC),
        N'SQLAG2' WITH (
            ENDPOINT_URL = N'TCP://SQLAG2.corp.example:5022',
            AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL,
            SEEDING_MODE = AUTOMATIC),
        N'SQLAG3' WITH (
            ENDPOINT_URL = N'TCP://SQLAG3.corp.example:5022',
            AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL,
            SEEDING_MODE = AUTOMATIC,
            SECONDARY_ROLE (ALLOW_CONNECTIONS = READ_ONLY));
GO
ALTER AVAILABILITY GROUP [$(Group)] GRANT CREATE ANY DATABASE;
GO

:CONNECT SQLAG2
USE master;
GO
ALTER AVAILABILITY GROUP [$(Group)] JOIN WITH (CLUSTER_TYPE = NONE);
GO
ALTER AVAILABILITY GROUP [$(Group)] GRANT CREATE ANY DATABASE;
GO

:CONNECT SQLAG3
USE master;
GO
ALTER AVAILABILITY GROUP [$(Group)] JOIN WITH (CLUSTER_TYPE = NONE);
GO
ALTER AVAILABILITY GROUP [$(Group)] GRANT CREATE ANY DATABASE;
GO

---------------------------------------------------------------------------------------------------
-- 4. The database: FULL recovery and a full backup on the primary, then into the group (seeded to SQLAG2, SQLAG3)
---------------------------------------------------------------------------------------------------
:CONNECT SQLAG1
USE master;
GO
CREATE DATABASE [$(Database)];
GO
ALTER DATABASE [$(Database)] SET RECOVERY FULL;
GO
BACKUP DATABASE [$(Database)] TO DISK = N'$(DataDir)$(Database).bak';
GO
ALTER AVAILABILITY GROUP [$(Group)] ADD DATABASE [$(Database)];
GO
