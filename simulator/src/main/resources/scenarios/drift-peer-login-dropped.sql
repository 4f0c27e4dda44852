-- drift-peer-login-dropped.sql: SQLB's login for SQLA was dropped, orphaning the certificate's owner.
-- The user SQLA_user that owns SQLA's certificate on SQLB is no longer mapped to a login, and with the login
-- went its CONNECT grant.
-- expect-fail: peer-certificate-owner-mapped@SQLB<-SQLA, peer-login-connect-granted@SQLB<-SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
DROP LOGIN SQLA_login;
GO
