-- hostile-names.sql: a correct two-partner setup whose object names need quoting.
-- Endpoint, certificate, login, user and database names contain ], ', ;, spaces, comment markers and non-ASCII
-- letters, all written with [ ] (with ] doubled) and N'...' literals (with ' doubled). Nothing is broken, so an
-- auditor that quotes every identifier and literal it builds must report no FAIL; one that concatenates names
-- into T-SQL will break (or worse) here. Instances: SQLH1 (principal) and SQLH2 (mirror), no witness.
-- expect-fail:

:setvar CertDir "C:\mirrorguard\certs\"
:setvar KeyVaultDir "C:\mirrorguard\keyvault\"
:setvar BackupDir "C:\mirrorguard\backup\"

---------------------------------------------------------------------------------------------------
-- Outbound on SQLH1
---------------------------------------------------------------------------------------------------
:CONNECT SQLH1
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk!''quoted''; ]pass ü';
GO
CREATE CERTIFICATE [cert]] SQLH1 'prod'; -- ñ]
    WITH SUBJECT = N'Zertifikat für ''SQLH1''; ] /* not a comment */';
GO
CREATE ENDPOINT [Mirror]]ing; End'point ü]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5031, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE [cert]] SQLH1 'prod'; -- ñ],
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = ALL);
GO
BACKUP CERTIFICATE [cert]] SQLH1 'prod'; -- ñ] TO FILE = N'$(CertDir)SQLH1 cert ü.cer'
    WITH PRIVATE KEY (FILE = N'$(KeyVaultDir)SQLH1 cert ü.pvk',
                      ENCRYPTION BY PASSWORD = N'Kb!''x''; ]y');
GO

---------------------------------------------------------------------------------------------------
-- Outbound on SQLH2
---------------------------------------------------------------------------------------------------
:CONNECT SQLH2
USE master;
GO
CREATE MASTER KEY ENCRYPTION BY PASSWORD = N'Mk!''quoted''; ]pass ü';
GO
CREATE CERTIFICATE [SQLH2 "cert"; DROP TABLE x; 証明書]
    WITH SUBJECT = N'SQLH2 ''mirror'' certificate; GO';
GO
CREATE ENDPOINT [Mirror]]ing; End'point ü]
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5032, LISTENER_IP = ALL)
    FOR DATABASE_MIRRORING (
        AUTHENTICATION = CERTIFICATE [SQLH2 "cert"; DROP TABLE x; 証明書],
        ENCRYPTION = REQUIRED ALGORITHM AES,
        ROLE = ALL);
GO
BACKUP CERTIFICATE [SQLH2 "cert"; DROP TABLE x; 証明書] TO FILE = N'$(CertDir)SQLH2 cert 証明書.cer'
    WITH PRIVATE KEY (FILE = N'$(KeyVaultDir)SQLH2 cert 証明書.pvk',
                      ENCRYPTION BY PASSWORD = N'Kb!''x''; ]y');
GO

---------------------------------------------------------------------------------------------------
-- Inbound on SQLH1 for SQLH2
---------------------------------------------------------------------------------------------------
:CONNECT SQLH1
USE master;
GO
CREATE LOGIN [login]] for 'SQLH2'; DROP LOGIN sa; --] WITH PASSWORD = N'Pl!''a''; ]b ü';
CREATE USER [user]] 'SQLH2' ; 日本] FOR LOGIN [login]] for 'SQLH2'; DROP LOGIN sa; --];
CREATE CERTIFICATE [SQLH2 "cert"; DROP TABLE x; 証明書] AUTHORIZATION [user]] 'SQLH2' ; 日本]
    FROM FILE = N'$(CertDir)SQLH2 cert 証明書.cer';
GRANT CONNECT ON ENDPOINT::[Mirror]]ing; End'point ü] TO [login]] for 'SQLH2'; DROP LOGIN sa; --];
GO

---------------------------------------------------------------------------------------------------
-- Inbound on SQLH2 for SQLH1
---------------------------------------------------------------------------------------------------
:CONNECT SQLH2
USE master;
GO
CREATE LOGIN [SQLH1's login; ]]x] WITH PASSWORD = N'Pl!''a''; ]b ü';
CREATE USER [SQLH1 user /* ü */] FOR LOGIN [SQLH1's login; ]]x];
CREATE CERTIFICATE [cert]] SQLH1 'prod'; -- ñ] AUTHORIZATION [SQLH1 user /* ü */]
    FROM FILE = N'$(CertDir)SQLH1 cert ü.cer';
GRANT CONNECT ON ENDPOINT::[Mirror]]ing; End'point ü] TO [SQLH1's login; ]]x];
GO

---------------------------------------------------------------------------------------------------
-- The database and the session (no witness)
---------------------------------------------------------------------------------------------------
:CONNECT SQLH1
CREATE DATABASE [Sales ]]db'; x];
GO
ALTER DATABASE [Sales ]]db'; x] SET RECOVERY FULL;
GO
BACKUP DATABASE [Sales ]]db'; x] TO DISK = N'$(BackupDir)Sales hostile.bak';
GO
BACKUP LOG [Sales ]]db'; x] TO DISK = N'$(BackupDir)Sales hostile.trn';
GO

:CONNECT SQLH2
RESTORE DATABASE [Sales ]]db'; x] FROM DISK = N'$(BackupDir)Sales hostile.bak' WITH NORECOVERY;
GO
RESTORE LOG [Sales ]]db'; x] FROM DISK = N'$(BackupDir)Sales hostile.trn' WITH NORECOVERY;
GO
ALTER DATABASE [Sales ]]db'; x] SET PARTNER = N'TCP://SQLH1.corp.example:5031';
GO

:CONNECT SQLH1
ALTER DATABASE [Sales ]]db'; x] SET PARTNER = N'TCP://SQLH2.corp.example:5032';
GO
