-- drift-ag-peer-login-privileged.sql: two shortcuts that keep every replica connected but hand a peer more than
-- CONNECT. On SQLAG2, SQLAG1's certificate was re-owned by dbo (ALTER AUTHORIZATION ... TO dbo): dbo in master is
-- sa, so whoever holds SQLAG1's private key connects to SQLAG2 as sa. On SQLAG3, SQLAG2's peer login was made a
-- sysadmin "to fix a connection problem". SQLAG1_login keeps its CONNECT grant on SQLAG2 though no certificate maps
-- to it any more: trust left behind.
-- expect-fail: peer-login-least-privilege@SQLAG2<-SQLAG1, peer-login-least-privilege@SQLAG3<-SQLAG2,
-- expect-fail: stale-endpoint-trust@SQLAG2

:r _setup-ag-three-replicas.sql

:CONNECT SQLAG2
USE master;
GO
ALTER AUTHORIZATION ON CERTIFICATE::SQLAG1_cert TO dbo;
GO

:CONNECT SQLAG3
USE master;
GO
ALTER SERVER ROLE sysadmin ADD MEMBER [SQLAG2_login];
GO
