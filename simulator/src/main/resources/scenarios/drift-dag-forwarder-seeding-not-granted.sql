-- drift-dag-forwarder-seeding-not-granted.sql: the distributed group of procedure-distributed-ag.sql, built the same way
-- except that the forwarder LDN1 never ran ALTER AVAILABILITY GROUP [ag_ldn] GRANT CREATE ANY DATABASE (its group was
-- created on LDN1, and the grant is only remembered for the secondaries). Seeding from the global primary NYC1 to the
-- forwarder fails (Seeding Check Message Timeout), so Sales never reaches LDN1, nor LDN2 behind it; every replica is
-- connected.
-- expect-fail: ag-seeding-permitted@LDN1<-NYC1

:r _setup-distributed-ag-trust.sql

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
