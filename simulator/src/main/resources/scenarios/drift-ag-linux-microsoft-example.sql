-- drift-ag-linux-microsoft-example.sql: Microsoft's "Configure SQL Server availability group for high availability on
-- Linux" steps, typed as the page gives them, for NODE1 (primary), NODE2 and NODE3 with CLUSTER_TYPE = EXTERNAL
-- (Pacemaker): one login dbm_login and user dbm_user on every node, ONE certificate dbm_certificate created on the
-- primary and copied WITH ITS PRIVATE KEY to the secondaries, [Hadr_endpoint] FOR DATA_MIRRORING on port 5022 started
-- separately, CONNECT for dbm_login, the group with FAILOVER_MODE = EXTERNAL and SEEDING_MODE = AUTOMATIC,
-- JOIN WITH (CLUSTER_TYPE = EXTERNAL) and GRANT CREATE ANY DATABASE on the secondaries, then the database db1.
-- Every replica connects. What the audit finds is what sharing one key pair means: every node holds the private key
-- of the certificate the others trust (so any node's key can impersonate all), and on NODE1 the certificate is owned by
-- dbo, so the other nodes authenticate there as sa, and the dbm_login granted CONNECT there is used by no one. NODE2 and
-- NODE3 never exported "their" private key (it is NODE1's, exported on NODE1): the audit cannot tell the copies apart.
-- expect-fail: peer-certificate-private-key-absent@NODE1<-NODE2, peer-certificate-private-key-absent@NODE1<-NODE3,
-- expect-fail: peer-certificate-private-key-absent@NODE2<-NODE1, peer-certificate-private-key-absent@NODE2<-NODE3,
-- expect-fail: peer-certificate-private-key-absent@NODE3<-NODE1, peer-certificate-private-key-absent@NODE3<-NODE2,
-- expect-fail: peer-login-least-privilege@NODE1<-NODE2, peer-login-least-privilege@NODE1<-NODE3,
-- expect-fail: stale-endpoint-trust@NODE1, endpoint-certificate-backed-up@NODE2, endpoint-certificate-backed-up@NODE3

:setvar MasterKeyPassword "Mk!Example-2026-Strong"
:setvar PrivateKeyPassword "Pk!Example-2026-Strong"
:setvar LoginPassword "Lg!Example-2026-Strong"

---------------------------------------------------------------------------------------------------
-- Create the database mirroring endpoint user: NODE1
---------------------------------------------------------------------------------------------------
:CONNECT NODE1
CREATE LOGIN dbm_login WITH PASSWORD = '$(LoginPassword)';
CREATE USER dbm_user FOR LOGIN dbm_login;
GO

---------------------------------------------------------------------------------------------------
-- Create the database mirroring endpoint user: NODE2
---------------------------------------------------------------------------------------------------
:CONNECT NODE2
CREATE LOGIN dbm_login WITH PASSWORD = '$(LoginPassword)';
CREATE USER dbm_user FOR LOGIN dbm_login;
GO

---------------------------------------------------------------------------------------------------
-- Create the database mirroring endpoint user: NODE3
---------------------------------------------------------------------------------------------------
:CONNECT NODE3
CREATE LOGIN dbm_login WITH PASSWORD = '$(LoginPassword)';
CREATE USER dbm_user FOR LOGIN dbm_login;
GO

---------------------------------------------------------------------------------------------------
-- Create a certificate: on the primary, backed up with its private key and copied to every node
---------------------------------------------------------------------------------------------------
:CONNECT NODE1
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE dbm_certificate WITH SUBJECT = 'dbm';
BACKUP CERTIFICATE dbm_certificate
   TO FILE = '/var/opt/mssql/data/dbm_certificate.cer'
   WITH PRIVATE KEY (
           FILE = '/var/opt/mssql/data/dbm_certificate.pvk',
           ENCRYPTION BY PASSWORD = '$(PrivateKeyPassword)'
       );
GO

:CONNECT NODE2
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE dbm_certificate
    AUTHORIZATION dbm_user
    FROM FILE = '/var/opt/mssql/data/dbm_certificate.cer'
    WITH PRIVATE KEY (
    FILE = '/var/opt/mssql/data/dbm_certificate.pvk',
    DECRYPTION BY PASSWORD = '$(PrivateKeyPassword)'
            );
GO

:CONNECT NODE3
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';
CREATE CERTIFICATE dbm_certificate
    AUTHORIZATION dbm_user
    FROM FILE = '/var/opt/mssql/data/dbm_certificate.cer'
    WITH PRIVATE KEY (
    FILE = '/var/opt/mssql/data/dbm_certificate.pvk',
    DECRYPTION BY PASSWORD = '$(PrivateKeyPassword)'
            );
GO

---------------------------------------------------------------------------------------------------
-- Create the database mirroring endpoints: NODE1
---------------------------------------------------------------------------------------------------
:CONNECT NODE1
CREATE ENDPOINT [Hadr_endpoint]
    AS TCP (LISTENER_PORT = 5022)
    FOR DATA_MIRRORING (
        ROLE = ALL,
        AUTHENTICATION = CERTIFICATE dbm_certificate,
        ENCRYPTION = REQUIRED ALGORITHM AES
        );
ALTER ENDPOINT [Hadr_endpoint] STATE = STARTED;
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [dbm_login];
GO

---------------------------------------------------------------------------------------------------
-- Create the database mirroring endpoints: NODE2
---------------------------------------------------------------------------------------------------
:CONNECT NODE2
CREATE ENDPOINT [Hadr_endpoint]
    AS TCP (LISTENER_PORT = 5022)
    FOR DATA_MIRRORING (
        ROLE = ALL,
        AUTHENTICATION = CERTIFICATE dbm_certificate,
        ENCRYPTION = REQUIRED ALGORITHM AES
        );
ALTER ENDPOINT [Hadr_endpoint] STATE = STARTED;
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [dbm_login];
GO

---------------------------------------------------------------------------------------------------
-- Create the database mirroring endpoints: NODE3
---------------------------------------------------------------------------------------------------
:CONNECT NODE3
CREATE ENDPOINT [Hadr_endpoint]
    AS TCP (LISTENER_PORT = 5022)
    FOR DATA_MIRRORING (
        ROLE = ALL,
        AUTHENTICATION = CERTIFICATE dbm_certificate,
        ENCRYPTION = REQUIRED ALGORITHM AES
        );
ALTER ENDPOINT [Hadr_endpoint] STATE = STARTED;
GRANT CONNECT ON ENDPOINT::[Hadr_endpoint] TO [dbm_login];
GO

---------------------------------------------------------------------------------------------------
-- Create the availability group (CLUSTER_TYPE = EXTERNAL, three synchronous replicas)
---------------------------------------------------------------------------------------------------
:CONNECT NODE1
CREATE AVAILABILITY GROUP [ag1]
     WITH (DB_FAILOVER = ON, CLUSTER_TYPE = EXTERNAL)
     FOR REPLICA ON
         N'NODE1'
         WITH (
            ENDPOINT_URL = N'tcp://NODE1:5022',
            AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = EXTERNAL,
            SEEDING_MODE = AUTOMATIC
            ),
         N'NODE2'
         WITH (
            ENDPOINT_URL = N'tcp://NODE2:5022',
            AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = EXTERNAL,
            SEEDING_MODE = AUTOMATIC
            ),
         N'NODE3'
         WITH(
            ENDPOINT_URL = N'tcp://NODE3:5022',
            AVAILABILITY_MODE = SYNCHRONOUS_COMMIT,
            FAILOVER_MODE = EXTERNAL,
            SEEDING_MODE = AUTOMATIC
            );
GO
ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;
GO

:CONNECT NODE2
ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = EXTERNAL);
ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;
GO

:CONNECT NODE3
ALTER AVAILABILITY GROUP [ag1] JOIN WITH (CLUSTER_TYPE = EXTERNAL);
ALTER AVAILABILITY GROUP [ag1] GRANT CREATE ANY DATABASE;
GO

---------------------------------------------------------------------------------------------------
-- Add a database to the availability group
---------------------------------------------------------------------------------------------------
:CONNECT NODE1
CREATE DATABASE [db1];
ALTER DATABASE [db1] SET RECOVERY FULL;
BACKUP DATABASE [db1]
   TO DISK = N'/var/opt/mssql/data/db1.bak';
GO
ALTER AVAILABILITY GROUP [ag1] ADD DATABASE [db1];
GO
