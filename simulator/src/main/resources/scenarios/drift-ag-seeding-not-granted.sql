-- drift-ag-seeding-not-granted.sql: SQLAG3 no longer lets the group create databases (ALTER AVAILABILITY GROUP ...
-- DENY CREATE ANY DATABASE, as after a rebuild that skipped the GRANT). A database added to the group afterwards,
-- Invoices, is seeded to SQLAG2 but never appears on SQLAG3: the primary's sys.dm_hadr_automatic_seeding shows the
-- attempt to SQLAG3 FAILED (Seeding Check Message Timeout). Orders, seeded before, stays.
-- expect-fail: ag-seeding-permitted@SQLAG3<-SQLAG1

:r _setup-ag-three-replicas.sql

:CONNECT SQLAG3
USE master;
GO
ALTER AVAILABILITY GROUP [$(Group)] DENY CREATE ANY DATABASE;
GO

:CONNECT SQLAG1
USE master;
GO
CREATE DATABASE [Invoices];
GO
ALTER DATABASE [Invoices] SET RECOVERY FULL;
GO
BACKUP DATABASE [Invoices] TO DISK = N'$(DataDir)Invoices.bak';
GO
ALTER AVAILABILITY GROUP [$(Group)] ADD DATABASE [Invoices];
GO
