-- Shared setup: database mirroring secured with certificates, done as Microsoft documents it,
-- for two partners (SQLA principal, SQLB mirror) and a witness (SQLW).
-- Standard T-SQL in sqlcmd mode: runs the same way in SSMS (Query > SQLCMD Mode) against real servers
-- named SQLA, SQLB and SQLW.
--
-- Steps:
--   1. Outbound, on every instance: master key, endpoint certificate, DATABASE_MIRRORING endpoint that
--      authenticates with it (REQUIRED AES), backup of the certificate (public part for the peers, private
--      key to the key vault folder).
--   2. Inbound, on every instance, for each peer: login, user, the peer's public certificate owned by that
--      user, CONNECT on the endpoint. The witness trusts both partners and both partners trust the witness.
--   3. The database: FULL recovery, full + log backup on the principal, restored WITH NORECOVERY on the mirror.
--   4. SET PARTNER on the mirror, then on the principal; SET WITNESS on the principal.
--
-- Certificates take the default validity: from now (the simulated clock) for one year.
-- The variables below are the file locations and example passwords the whole setup uses.

:setvar CertDir "C:\mirrorguard\certs\"
:setvar KeyVaultDir "C:\mirrorguard\keyvault\"
:setvar BackupDir "C:\mirrorguard\backup\"
:setvar MasterKeyPassword "Mk!Example-2026-Strong"
:setvar KeyBackupPassword "Kb!Example-2026-Strong"
:setvar PeerLoginPassword "Pl!Example-2026-Strong"
:setvar Database Sales

---------------------------------------------------------------------------------------------------
-- 1. Outbound: SQLA
---------------------------------------------------------------------------------------------------
:CONNECT SQLA
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE SQLA_cert
    WITH SUBJECT = 'SQLA certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE SQLA_cert,
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = ALL);
GO
BACKUP CERTIFICATE SQLA_cert TO FILE = '$(CertDir)SQLA_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLA_cert.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- 1. Outbound: SQLB
---------------------------------------------------------------------------------------------------
:CONNECT SQLB
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE SQLB_cert
    WITH SUBJECT = 'SQLB certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5023, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE SQLB_cert,
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = ALL);
GO
BACKUP CERTIFICATE SQLB_cert TO FILE = '$(CertDir)SQLB_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLB_cert.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- 1. Outbound: SQLW (the witness endpoint only needs the WITNESS role)
---------------------------------------------------------------------------------------------------
:CONNECT SQLW
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
GO
CREATE CERTIFICATE SQLW_cert
    WITH SUBJECT = 'SQLW certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5024, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE SQLW_cert,
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = WITNESS);
GO
BACKUP CERTIFICATE SQLW_cert TO FILE = '$(CertDir)SQLW_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLW_cert.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

---------------------------------------------------------------------------------------------------
-- 2. Inbound on SQLA: trust SQLB and SQLW
---------------------------------------------------------------------------------------------------
:CONNECT SQLA
USE master;
GO
CREATE LOGIN SQLB_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLB_user FOR LOGIN SQLB_login;
CREATE CERTIFICATE SQLB_cert AUTHORIZATION SQLB_user FROM FILE = '$(CertDir)SQLB_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLB_login];
GO
CREATE LOGIN SQLW_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLW_user FOR LOGIN SQLW_login;
CREATE CERTIFICATE SQLW_cert AUTHORIZATION SQLW_user FROM FILE = '$(CertDir)SQLW_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLW_login];
GO

---------------------------------------------------------------------------------------------------
-- 2. Inbound on SQLB: trust SQLA and SQLW
---------------------------------------------------------------------------------------------------
:CONNECT SQLB
USE master;
GO
CREATE LOGIN SQLA_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLA_user FOR LOGIN SQLA_login;
CREATE CERTIFICATE SQLA_cert AUTHORIZATION SQLA_user FROM FILE = '$(CertDir)SQLA_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLA_login];
GO
CREATE LOGIN SQLW_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLW_user FOR LOGIN SQLW_login;
CREATE CERTIFICATE SQLW_cert AUTHORIZATION SQLW_user FROM FILE = '$(CertDir)SQLW_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLW_login];
GO

---------------------------------------------------------------------------------------------------
-- 2. Inbound on SQLW: trust both partners
---------------------------------------------------------------------------------------------------
:CONNECT SQLW
USE master;
GO
CREATE LOGIN SQLA_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLA_user FOR LOGIN SQLA_login;
CREATE CERTIFICATE SQLA_cert AUTHORIZATION SQLA_user FROM FILE = '$(CertDir)SQLA_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLA_login];
GO
CREATE LOGIN SQLB_login WITH PASSWORD = '$(PeerLoginPassword)';
CREATE USER SQLB_user FOR LOGIN SQLB_login;
CREATE CERTIFICATE SQLB_cert AUTHORIZATION SQLB_user FROM FILE = '$(CertDir)SQLB_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLB_login];
GO

---------------------------------------------------------------------------------------------------
-- 3. The database: created on the principal, restored WITH NORECOVERY on the mirror
---------------------------------------------------------------------------------------------------
:CONNECT SQLA
CREATE DATABASE $(Database);
GO
ALTER DATABASE $(Database) SET RECOVERY FULL;
GO
BACKUP DATABASE $(Database) TO DISK = '$(BackupDir)$(Database).bak';
GO
BACKUP LOG $(Database) TO DISK = '$(BackupDir)$(Database).trn';
GO

:CONNECT SQLB
RESTORE DATABASE $(Database) FROM DISK = '$(BackupDir)$(Database).bak' WITH NORECOVERY;
GO
RESTORE LOG $(Database) FROM DISK = '$(BackupDir)$(Database).trn' WITH NORECOVERY;
GO

---------------------------------------------------------------------------------------------------
-- 4. The session: mirror first, then the principal, then the witness on the principal
---------------------------------------------------------------------------------------------------
:CONNECT SQLB
ALTER DATABASE $(Database) SET PARTNER = 'TCP://SQLA.corp.example:5022';
GO

:CONNECT SQLA
ALTER DATABASE $(Database) SET PARTNER = 'TCP://SQLB.corp.example:5023';
GO
ALTER DATABASE $(Database) SET WITNESS = 'TCP://SQLW.corp.example:5024';
GO
