-- procedure-distributed-ag.sql: a distributed availability group across two availability groups, done as Microsoft
-- documents it: ag_nyc (NYC1 primary, NYC2) holds the database Sales; ag_ldn (LDN1 primary, LDN2) starts empty;
-- dag_global is created on NYC1 (the global primary) with one LISTENER_URL per member group and joined on LDN1 (the
-- forwarder). Both groups use CLUSTER_TYPE = NONE, so each LISTENER_URL names the member group's primary host on the
-- mirroring endpoint port. Every endpoint authenticates with its own certificate; trust follows the links: within each
-- group, and between the global primary and the forwarder. Automatic seeding carries Sales from NYC1 to NYC2, to the
-- forwarder LDN1 and on to LDN2. Nothing must FAIL.
-- expect-fail: 

:setvar DataDir "/var/opt/mssql/data/"
:setvar KeyVaultDir "/var/opt/mssql/keyvault/"
:setvar MasterKeyPassword "Mk!Example-2026-Strong"
:setvar KeyBackupPassword "Kb!Example-2026-Strong"
:setvar PeerLoginPassword "Pl!Example-2026-Strong"

---------------------------------------------------------------------------------------------------
-- Outbound: NYC1
---------------------------------------------------------------------------------------------------
:CONNECT NYC1
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE NYC1_cert WITH SUBJECT = 'NYC1 certificate for the availability group endpoint';
GO
CREATE ENDPOINT [Hadr_endpoint]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE NYC1_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE NYC1_cert TO FILE = '$(DataDir)NYC1_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)NYC1_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- Outbound: NYC2
---------------------------------------------------------------------------------------------------
:CONNECT NYC2
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE NYC2_cert WITH SUBJECT = 'NYC2 certificate for the availability group endpoint';
GO
CREATE ENDPOINT [Hadr_endpoint]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE NYC2_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE NYC2_cert TO FILE = '$(DataDir)NYC2_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)NYC2_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- Outbound: LDN1
---------------------------------------------------------------------------------------------------
:CONNECT LDN1
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE LDN1_cert WITH SUBJECT = 'LDN1 certificate for the availability group endpoint';
GO
CREATE ENDPOINT [Hadr_endpoint]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE LDN1_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE LDN1_cert TO FILE = '$(DataDir)LDN1_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)LDN1_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- Outbound: LDN2
---------------------------------------------------------------------------------------------------
:CONNECT LDN2
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE LDN2_cert WITH SUBJECT = 'LDN2 certificate for the availability group endpoint';
GO
CREATE ENDPOINT [Hadr_endpoint]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE LDN2_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE LDN2_cert TO FILE = '$(DataDir)LDN2_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)LDN2_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- Inbound on NYC1: trust NYC2 and LDN1
---------------------------------------------------------------------------------------------------
:CONNECT NYC1
USE master;
GO
CREATE LOGIN NYC2_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER NYC2_user FOR LOGIN NYC2_login;
CREATE CERTIFICATE NYC2_cert AUTHORIZATION NYC2_user FROM FILE = '$(DataDir)NYC2_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [NYC2_login];
GO
CREATE LOGIN LDN1_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER LDN1_user FOR LOGIN LDN1_login;
CREATE CERTIFICATE LDN1_cert AUTHORIZATION LDN1_user FROM FILE = '$(DataDir)LDN1_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [LDN1_login];
GO

---------------------------------------------------------------------------------------------------
-- Inbound on NYC2: trust NYC1
---------------------------------------------------------------------------------------------------
:CONNECT NYC2
USE master;
GO
CREATE LOGIN NYC1_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER NYC1_user FOR LOGIN NYC1_login;
CREATE CERTIFICATE NYC1_cert AUTHORIZATION NYC1_user FROM FILE = '$(DataDir)NYC1_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [NYC1_login];
GO

---------------------------------------------------------------------------------------------------
-- Inbound on LDN1: trust LDN2 and NYC1
---------------------------------------------------------------------------------------------------
:CONNECT LDN1
USE master;
GO
CREATE LOGIN LDN2_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER LDN2_user FOR LOGIN LDN2_login;
CREATE CERTIFICATE LDN2_cert AUTHORIZATION LDN2_user FROM FILE = '$(DataDir)LDN2_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [LDN2_login];
GO
CREATE LOGIN NYC1_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER NYC1_user FOR LOGIN NYC1_login;
CREATE CERTIFICATE NYC1_cert AUTHORIZATION NYC1_user FROM FILE = '$(DataDir)NYC1_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [NYC1_login];
GO

---------------------------------------------------------------------------------------------------
-- Inbound on LDN2: trust LDN1
---------------------------------------------------------------------------------------------------
:CONNECT LDN2
USE master;
GO
CREATE LOGIN LDN1_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER LDN1_user FOR LOGIN LDN1_login;
CREATE CERTIFICATE LDN1_cert AUTHORIZATION LDN1_user FROM FILE = '$(DataDir)LDN1_cert.cer';
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [LDN1_login];
GO

---------------------------------------------------------------------------------------------------
-- The first group, ag_nyc, with the database Sales
---------------------------------------------------------------------------------------------------
:CONNECT NYC1
USE master;
GO
CREATE DATABASE [Sales];
GO
ALTER DATABASE [Sales] SET RECOVERY FULL;
GO
BACKUP DATABASE [Sales] TO DISK = N'$(DataDir)Sales.bak';
GO
CREATE AVAILABILITY GROUP [ag_nyc]
    WITH (CLUSTER_TYPE = NONE)
    FOR DATABASE [Sales] REPLICA ON
        N'NYC1' WITH (ENDPOINT_URL = N'TCP://NYC1.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC),
        N'NYC2' WITH (ENDPOINT_URL = N'TCP://NYC2.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);
GO
ALTER AVAILABILITY GROUP [ag_nyc] GRANT CREATE ANY DATABASE;
GO

:CONNECT NYC2
USE master;
GO
ALTER AVAILABILITY GROUP [ag_nyc] JOIN WITH (CLUSTER_TYPE = NONE);
GO
ALTER AVAILABILITY GROUP [ag_nyc] GRANT CREATE ANY DATABASE;
GO

---------------------------------------------------------------------------------------------------
-- The second group, ag_ldn, empty
---------------------------------------------------------------------------------------------------
:CONNECT LDN1
USE master;
GO
CREATE AVAILABILITY GROUP [ag_ldn]
    WITH (CLUSTER_TYPE = NONE)
    FOR REPLICA ON
        N'LDN1' WITH (ENDPOINT_URL = N'TCP://LDN1.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC),
        N'LDN2' WITH (ENDPOINT_URL = N'TCP://LDN2.corp.example:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);
GO
ALTER AVAILABILITY GROUP [ag_ldn] GRANT CREATE ANY DATABASE;
GO

:CONNECT LDN2
USE master;
GO
ALTER AVAILABILITY GROUP [ag_ldn] JOIN WITH (CLUSTER_TYPE = NONE);
GO
ALTER AVAILABILITY GROUP [ag_ldn] GRANT CREATE ANY DATABASE;
GO

---------------------------------------------------------------------------------------------------
-- The distributed group: created on the global primary NYC1, joined on the forwarder LDN1
---------------------------------------------------------------------------------------------------
:CONNECT NYC1
USE master;
GO
CREATE AVAILABILITY GROUP [dag_global]
    WITH (DISTRIBUTED)
    AVAILABILITY GROUP ON
        N'ag_nyc' WITH (LISTENER_URL = N'TCP://NYC1.corp.example:5022', AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC),
        N'ag_ldn' WITH (LISTENER_URL = N'TCP://LDN1.corp.example:5022', AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);
GO

:CONNECT LDN1
USE master;
GO
ALTER AVAILABILITY GROUP [dag_global]
    JOIN AVAILABILITY GROUP ON
        N'ag_nyc' WITH (LISTENER_URL = N'TCP://NYC1.corp.example:5022', AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC),
        N'ag_ldn' WITH (LISTENER_URL = N'TCP://LDN1.corp.example:5022', AVAILABILITY_MODE = ASYNCHRONOUS_COMMIT,
            FAILOVER_MODE = MANUAL, SEEDING_MODE = AUTOMATIC);
GO
