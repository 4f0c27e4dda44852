-- Shared setup: the certificate trust of the distributed availability group scenarios (procedure-distributed-ag.sql
-- and its drifts). Hosts NYC1, NYC2 (group ag_nyc) and LDN1, LDN2 (group ag_ldn), each with its own master key,
-- endpoint certificate and DATABASE_MIRRORING endpoint [Hadr_endpoint] (port 5022, REQUIRED AES, ROLE = ALL), the
-- certificate backed up; trust (login, user, the peer's public certificate, CONNECT on the endpoint) follows the
-- links: both ways within each group, and both ways between the global primary NYC1 and the forwarder LDN1.
-- Standard T-SQL in sqlcmd mode. The groups themselves are created by the including scenario.

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

