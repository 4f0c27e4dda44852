-- procedure-ms-docs-style.sql: the certificate procedure written the way Microsoft's mirroring examples write it.
-- HOST_A (principal) and HOST_B (mirror) mirror AdventureWorks with HOST_W as witness, all endpoints on port 7024
-- of their own host, addresses TCP://HOST_x.Mydomain.Corp.Adventure-Works.com:7024. Each host creates its master key
-- (guarded by IF NOT EXISTS), its certificate with an mdy/ISO/alphabetic EXPIRY_DATE, checks
-- sys.database_mirroring_endpoints, creates the endpoint and backs the certificate up to C:\HOST_x_cert.cer (the
-- private key to C:\KeyVault\); the peers read the same C:\ path (the simulator's file area stands for the copy).
-- Keywords in mixed case, optional semicolons, [brackets], "quotes" and N'' literals as DBAs type them. Nothing is
-- broken, so nothing must FAIL.
-- expect-fail:

---------------------------------------------------------------------------------------------------
-- Outbound connections: HOST_A
---------------------------------------------------------------------------------------------------
:CONNECT HOST_A
USE master;
GO
IF NOT EXISTS (SELECT * FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##')
    CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'HostA#Master-Key-2026';
GO
CREATE CERTIFICATE HOST_A_cert
   WITH SUBJECT = 'HOST_A certificate for database mirroring',
   EXPIRY_DATE = '12/31/2099';
GO
SELECT name, role_desc, state_desc, connection_auth_desc, encryption_algorithm_desc
   FROM sys.database_mirroring_endpoints;
GO
CREATE ENDPOINT Endpoint_Mirroring
   STATE = STARTED
   AS TCP (
      LISTENER_PORT=7024
      , LISTENER_IP = ALL
   )
   FOR DATABASE_MIRRORING (
      AUTHENTICATION = CERTIFICATE HOST_A_cert
      , ENCRYPTION = REQUIRED ALGORITHM AES
      , ROLE = ALL
   );
GO
BACKUP CERTIFICATE HOST_A_cert TO FILE = 'C:\HOST_A_cert.cer'
   WITH PRIVATE KEY ( FILE = 'C:\KeyVault\HOST_A_cert.pvk',
                      ENCRYPTION BY PASSWORD = 'HostA#Key-Backup-2026' );
GO

---------------------------------------------------------------------------------------------------
-- Outbound connections: HOST_B (lower case, no semicolons, ISO date)
---------------------------------------------------------------------------------------------------
:CONNECT HOST_B
use master
go
if not exists (select * from sys.symmetric_keys where name = N'##MS_DatabaseMasterKey##')
    create master key encryption by password = N'HostB#Master-Key-2026'
go
create certificate HOST_B_cert
   with subject = N'HOST_B certificate for database mirroring',
   expiry_date = '20991231'
go
select name, role_desc, state_desc from sys.database_mirroring_endpoints
go
create endpoint [Endpoint_Mirroring]
   state = started
   as tcp (listener_port = 7024, listener_ip = all)
   for database_mirroring (
      role = all,
      encryption = required,
      authentication = certificate [HOST_B_cert]
   )
go
backup certificate [HOST_B_cert] to file = N'C:\HOST_B_cert.cer'
   with private key (encryption by password = N'HostB#Key-Backup-2026', file = N'C:\KeyVault\HOST_B_cert.pvk')
go

---------------------------------------------------------------------------------------------------
-- Outbound connections: HOST_W, the witness (role WITNESS, quoted identifiers, alphabetic date)
---------------------------------------------------------------------------------------------------
:CONNECT HOST_W
USE [master]
GO
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##')
BEGIN
    CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'HostW#Master-Key-2026';
END
GO
CREATE CERTIFICATE "HOST_W_cert"
   WITH SUBJECT = 'HOST_W certificate for database mirroring', EXPIRY_DATE = 'Dec 31 2099';
GO
CREATE ENDPOINT "Endpoint_Mirroring"
   STATE = STARTED
   AS TCP ( LISTENER_PORT = 7024 )
   FOR DATABASE_MIRRORING ( AUTHENTICATION = CERTIFICATE "HOST_W_cert", ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = WITNESS );
GO
BACKUP CERTIFICATE "HOST_W_cert" TO FILE = 'C:\HOST_W_cert.cer'
   WITH PRIVATE KEY ( FILE = 'C:\KeyVault\HOST_W_cert.pvk', ENCRYPTION BY PASSWORD = 'HostW#Key-Backup-2026' );
GO

---------------------------------------------------------------------------------------------------
-- Inbound connections on HOST_A: HOST_B and HOST_W
---------------------------------------------------------------------------------------------------
:CONNECT HOST_A
USE master;
GO
CREATE LOGIN HOST_B_login WITH PASSWORD = 'HostB#Login-2026';
GO
CREATE USER HOST_B_user FOR LOGIN HOST_B_login;
GO
CREATE CERTIFICATE HOST_B_cert
   AUTHORIZATION HOST_B_user
   FROM FILE = 'C:\HOST_B_cert.cer';
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_B_login];
GO
CREATE LOGIN HOST_W_login WITH PASSWORD = 'HostW#Login-2026', CHECK_POLICY = OFF, DEFAULT_DATABASE = master;
CREATE USER HOST_W_user FROM LOGIN HOST_W_login;
CREATE CERTIFICATE HOST_W_cert AUTHORIZATION HOST_W_user FROM FILE = 'c:\host_w_cert.cer';
GRANT CONNECT ON ENDPOINT::[Endpoint_Mirroring] TO HOST_W_login;
GO

---------------------------------------------------------------------------------------------------
-- Inbound connections on HOST_B: HOST_A and HOST_W
---------------------------------------------------------------------------------------------------
:CONNECT HOST_B
USE master;
GO
CREATE LOGIN HOST_A_login WITH PASSWORD = 'HostA#Login-2026';
CREATE USER HOST_A_user FOR LOGIN HOST_A_login;
CREATE CERTIFICATE HOST_A_cert AUTHORIZATION HOST_A_user FROM FILE = 'C:\HOST_A_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login];
GO
CREATE LOGIN HOST_W_login WITH PASSWORD = 'HostW#Login-2026';
CREATE USER HOST_W_user FOR LOGIN HOST_W_login;
CREATE CERTIFICATE HOST_W_cert AUTHORIZATION HOST_W_user FROM FILE = 'C:\HOST_W_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_W_login];
GO

---------------------------------------------------------------------------------------------------
-- Inbound connections on HOST_W: both partners
---------------------------------------------------------------------------------------------------
:CONNECT HOST_W
USE master;
GO
CREATE LOGIN HOST_A_login WITH PASSWORD = 'HostA#Login-2026';
CREATE USER HOST_A_user FOR LOGIN HOST_A_login;
CREATE CERTIFICATE HOST_A_cert AUTHORIZATION HOST_A_user FROM FILE = 'C:\HOST_A_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login];
GO
CREATE LOGIN HOST_B_login WITH PASSWORD = 'HostB#Login-2026';
CREATE USER HOST_B_user FOR LOGIN HOST_B_login;
CREATE CERTIFICATE HOST_B_cert AUTHORIZATION HOST_B_user FROM FILE = 'C:\HOST_B_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_B_login];
GO

---------------------------------------------------------------------------------------------------
-- Prepare the mirror database: full and log backup on HOST_A, restored WITH NORECOVERY on HOST_B
---------------------------------------------------------------------------------------------------
:CONNECT HOST_A
CREATE DATABASE AdventureWorks;
GO
ALTER DATABASE AdventureWorks SET RECOVERY FULL WITH NO_WAIT;
GO
BACKUP DATABASE AdventureWorks TO DISK = N'C:\Backup\AdventureWorks.bak' WITH INIT, FORMAT, STATS = 10;
GO
BACKUP LOG AdventureWorks TO DISK = N'C:\Backup\AdventureWorks_log.trn' WITH INIT;
GO

:CONNECT HOST_B
RESTORE DATABASE AdventureWorks FROM DISK = N'C:\Backup\AdventureWorks.bak' WITH NORECOVERY, REPLACE;
GO
RESTORE LOG AdventureWorks FROM DISK = N'C:\Backup\AdventureWorks_log.trn' WITH NORECOVERY;
GO

---------------------------------------------------------------------------------------------------
-- The session: the mirror names the principal first, then the principal names the mirror and the witness
---------------------------------------------------------------------------------------------------
:CONNECT HOST_B
ALTER DATABASE AdventureWorks
    SET PARTNER = N'TCP://HOST_A.Mydomain.Corp.Adventure-Works.com:7024';
GO

:CONNECT HOST_A
ALTER DATABASE AdventureWorks
    SET PARTNER = N'TCP://HOST_B.Mydomain.Corp.Adventure-Works.com:7024';
GO
ALTER DATABASE AdventureWorks
    SET WITNESS = N'TCP://HOST_W.Mydomain.Corp.Adventure-Works.com:7024';
GO
SELECT mirroring_state_desc, mirroring_role_desc, mirroring_witness_state_desc
   FROM sys.database_mirroring WHERE database_id = DB_ID(N'AdventureWorks');
GO
