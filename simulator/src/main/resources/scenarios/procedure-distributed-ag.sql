-- procedure-distributed-ag.sql: a distributed availability group across two availability groups, done as Microsoft
-- documents it: ag_nyc (NYC1 primary, NYC2) holds the database Sales; ag_ldn (LDN1 primary, LDN2) starts empty;
-- dag_global is created on NYC1 (the global primary) with one LISTENER_URL per member group and joined on LDN1 (the
-- forwarder). Both groups use CLUSTER_TYPE = NONE, so each LISTENER_URL names the member group's primary host on the
-- mirroring endpoint port. Every endpoint authenticates with its own certificate; trust follows the links: within each
-- group, and between the global primary and the forwarder. Automatic seeding carries Sales from NYC1 to NYC2, to the
-- forwarder LDN1 and on to LDN2. Nothing must FAIL.
-- expect-fail: 

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
