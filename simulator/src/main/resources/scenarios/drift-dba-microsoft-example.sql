-- drift-dba-microsoft-example.sql: the certificate procedure typed the way a DBA copies it from Microsoft's
-- pages (HOST_A principal, HOST_B mirror, HOST_W witness, endpoint port 7024 on every host, database
-- AdventureWorks): USE master and GO after every step, an IF NOT EXISTS guard on sys.symmetric_keys before the
-- master key, EXPIRY_DATE written as 'MM/DD/YYYY', mixed-case keywords, bracketed and unbracketed names, the check
-- query on sys.database_mirroring_endpoints, and BACKUP CERTIFICATE of the public key only, exactly as the
-- example does. Nothing else is wrong: the one finding is that no endpoint certificate's private key was ever
-- exported, so losing master would lose each instance's identity.
-- expect-fail: endpoint-certificate-backed-up@HOST_A, endpoint-certificate-backed-up@HOST_B, endpoint-certificate-backed-up@HOST_W

:setvar CertPath "C:\"

---------------------------------------------------------------------------------------------------
-- Outbound on every host
---------------------------------------------------------------------------------------------------
:CONNECT HOST_A
USE master;
GO
IF NOT EXISTS (SELECT * FROM sys.symmetric_keys WHERE symmetric_key_id = 101)
    CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<1_Strong_Password!>';
GO
CREATE CERTIFICATE HOST_A_cert
   WITH SUBJECT = 'HOST_A certificate for database mirroring',
   EXPIRY_DATE = '11/30/2030';
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
BACKUP CERTIFICATE HOST_A_cert TO FILE = '$(CertPath)HOST_A_cert.cer';
GO

:CONNECT HOST_B
use master;
go
if not exists (select * from sys.symmetric_keys where symmetric_key_id = 101)
    create master key encryption by password = '<1_Strong_Password!>';
go
create certificate HOST_B_cert
   with subject = 'HOST_B certificate for database mirroring',
   expiry_date = '11/30/2030';
go
create endpoint [Endpoint_Mirroring]
   state = started
   as tcp (listener_port = 7024, listener_ip = all)
   for database_mirroring (
      authentication = certificate [HOST_B_cert],
      encryption = required algorithm aes,
      role = all);
go
backup certificate [HOST_B_cert] to file = '$(CertPath)HOST_B_cert.cer';
go

:CONNECT HOST_W
Use master;
Go
If Not Exists (Select * From sys.symmetric_keys Where symmetric_key_id = 101)
    Create Master Key Encryption By Password = '<1_Strong_Password!>';
Go
Create Certificate HOST_W_cert
   With Subject = 'HOST_W certificate for database mirroring',
   Expiry_Date = '11/30/2030';
Go
Create Endpoint Endpoint_Mirroring
   State = Started
   As Tcp (Listener_Port = 7024, Listener_IP = All)
   For Database_Mirroring (Authentication = Certificate HOST_W_cert, Encryption = Required Algorithm AES, Role = Witness);
Go
Backup Certificate HOST_W_cert To File = '$(CertPath)HOST_W_cert.cer';
Go

---------------------------------------------------------------------------------------------------
-- Inbound: each host trusts the other two
---------------------------------------------------------------------------------------------------
:CONNECT HOST_A
USE master;
GO
CREATE LOGIN HOST_B_login WITH PASSWORD = '1Sample_Strong_Password!@#';
GO
CREATE USER HOST_B_user FOR LOGIN HOST_B_login;
GO
CREATE CERTIFICATE HOST_B_cert
   AUTHORIZATION HOST_B_user
   FROM FILE = '$(CertPath)HOST_B_cert.cer'
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_B_login];
GO
CREATE LOGIN [HOST_W_login] WITH PASSWORD = '1Sample_Strong_Password!@#';
GO
CREATE USER [HOST_W_user] FOR LOGIN [HOST_W_login];
GO
CREATE CERTIFICATE [HOST_W_cert]
   AUTHORIZATION [HOST_W_user]
   FROM FILE = '$(CertPath)HOST_W_cert.cer'
GO
GRANT CONNECT ON ENDPOINT::[Endpoint_Mirroring] TO [HOST_W_login];
GO

:CONNECT HOST_B
USE master;
GO
CREATE LOGIN HOST_A_login WITH PASSWORD = '1Sample_Strong_Password!@#';
GO
CREATE USER HOST_A_user FOR LOGIN HOST_A_login;
GO
CREATE CERTIFICATE HOST_A_cert
   AUTHORIZATION HOST_A_user
   FROM FILE = '$(CertPath)HOST_A_cert.cer';
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login];
GO
CREATE LOGIN HOST_W_login WITH PASSWORD = '1Sample_Strong_Password!@#';
GO
CREATE USER HOST_W_user FOR LOGIN HOST_W_login;
GO
CREATE CERTIFICATE HOST_W_cert
   AUTHORIZATION HOST_W_user
   FROM FILE = '$(CertPath)HOST_W_cert.cer';
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_W_login];
GO

:CONNECT HOST_W
USE master;
GO
CREATE LOGIN HOST_A_login WITH PASSWORD = '1Sample_Strong_Password!@#';
CREATE USER HOST_A_user FOR LOGIN HOST_A_login;
CREATE CERTIFICATE HOST_A_cert AUTHORIZATION HOST_A_user FROM FILE = '$(CertPath)HOST_A_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_A_login];
GO
CREATE LOGIN HOST_B_login WITH PASSWORD = '1Sample_Strong_Password!@#';
CREATE USER HOST_B_user FOR LOGIN HOST_B_login;
CREATE CERTIFICATE HOST_B_cert AUTHORIZATION HOST_B_user FROM FILE = '$(CertPath)HOST_B_cert.cer';
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [HOST_B_login];
GO

---------------------------------------------------------------------------------------------------
-- The database and the session
---------------------------------------------------------------------------------------------------
:CONNECT HOST_A
CREATE DATABASE AdventureWorks;
GO
ALTER DATABASE AdventureWorks SET RECOVERY FULL;
GO
BACKUP DATABASE AdventureWorks TO DISK = 'C:\AdventureWorks.bak';
GO
BACKUP LOG AdventureWorks TO DISK = 'C:\AdventureWorks.trn';
GO

:CONNECT HOST_B
RESTORE DATABASE AdventureWorks FROM DISK = 'C:\AdventureWorks.bak' WITH NORECOVERY;
GO
RESTORE LOG AdventureWorks FROM DISK = 'C:\AdventureWorks.trn' WITH NORECOVERY;
GO
ALTER DATABASE AdventureWorks
    SET PARTNER = 'TCP://HOST_A.Mydomain.Corp.Adventure-Works.com:7024';
GO

:CONNECT HOST_A
ALTER DATABASE AdventureWorks
    SET PARTNER = 'TCP://HOST_B.Mydomain.Corp.Adventure-Works.com:7024';
GO
ALTER DATABASE AdventureWorks
    SET WITNESS = 'TCP://HOST_W.Mydomain.Corp.Adventure-Works.com:7024';
GO
