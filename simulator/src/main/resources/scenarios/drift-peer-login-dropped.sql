-- drift-peer-login-dropped.sql: SQLB's login for SQLA was dropped, orphaning the certificate's owner.
-- The user SQLA_user that owns SQLA's certificate on SQLB is no longer mapped to a login, and with the login
-- went its CONNECT grant.
-- With the login gone there is no login whose CONNECT could be checked: peer-login-connect-granted is
-- NOT_APPLICABLE for SQLB<-SQLA and the one root cause fails once, as peer-certificate-owner-mapped.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: peer-certificate-owner-mapped@SQLB<-SQLA, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
DROP LOGIN SQLA_login;
GO
