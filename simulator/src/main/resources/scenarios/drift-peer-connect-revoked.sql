-- drift-peer-connect-revoked.sql: SQLB no longer grants CONNECT to SQLA's login.
-- A permission cleanup revoked the grant: SQLA cannot connect to SQLB's endpoint any more.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: peer-login-connect-granted@SQLB<-SQLA, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [SQLA_login];
GO
