-- faults.sql: one instance per injected fault, each with a plain certificate-authenticated endpoint.
-- SQLF1 refuses connections, SQLF2 rejects every login (error 18456), SQLF3 answers every request 1.5 s late
-- (within the default timeouts, so it must still be audited), SQLF4 drops the connection in the middle of its
-- first catalog result, SQLF5 hides the catalog from the audit login (missing permission). SQLOK has no fault.
-- The faults apply after the scenario ran, so its own statements are not affected. Every endpoint certificate is
-- backed up, so nothing but the faults can fail.
-- simulator-only (uses the :fault extension)
-- expect-fail: instance-audited@SQLF1, instance-audited@SQLF2, instance-audited@SQLF4, instance-audited@SQLF5

:setvar MasterKeyPassword "Mk!Example-2026-Strong"
:setvar KeyBackupPassword "Kb!Example-2026-Strong"
:setvar CertDir "C:\mirrorguard\certs\"
:setvar KeyVaultDir "C:\mirrorguard\keyvault\"

:CONNECT SQLOK
USE master;
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE SQLOK_cert WITH SUBJECT = 'SQLOK certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5040)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLOK_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE SQLOK_cert TO FILE = '$(CertDir)SQLOK_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLOK_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO

:CONNECT SQLF1
USE master;
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE SQLF1_cert WITH SUBJECT = 'SQLF1 certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5041)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLF1_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE SQLF1_cert TO FILE = '$(CertDir)SQLF1_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLF1_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO
:fault SQLF1 unreachable

:CONNECT SQLF2
USE master;
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE SQLF2_cert WITH SUBJECT = 'SQLF2 certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5042)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLF2_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE SQLF2_cert TO FILE = '$(CertDir)SQLF2_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLF2_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO
:fault SQLF2 login-failed

:CONNECT SQLF3
USE master;
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE SQLF3_cert WITH SUBJECT = 'SQLF3 certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5043)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLF3_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE SQLF3_cert TO FILE = '$(CertDir)SQLF3_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLF3_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO
:fault SQLF3 slow 1500

:CONNECT SQLF4
USE master;
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE SQLF4_cert WITH SUBJECT = 'SQLF4 certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5044)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLF4_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE SQLF4_cert TO FILE = '$(CertDir)SQLF4_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLF4_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO
:fault SQLF4 drop-connection

:CONNECT SQLF5
USE master;
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE SQLF5_cert WITH SUBJECT = 'SQLF5 certificate for database mirroring';
GO
CREATE ENDPOINT Endpoint_Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5045)
    FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLF5_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);
GO
BACKUP CERTIFICATE SQLF5_cert TO FILE = '$(CertDir)SQLF5_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLF5_cert.pvk', ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO
:fault SQLF5 hide-catalog
