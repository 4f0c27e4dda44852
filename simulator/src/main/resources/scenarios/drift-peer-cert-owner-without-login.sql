-- drift-peer-cert-owner-without-login.sql: SQLA re-imported SQLB's certificate under a user WITHOUT LOGIN.
-- A DBA "tidying up" dropped the public copy of SQLB's certificate and imported it again owned by a new user
-- created WITHOUT LOGIN. CONNECT on an endpoint can only be granted to a server principal, so no login stands for
-- that user: SQLA can no longer authenticate SQLB, although SQLB_login still holds CONNECT.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: peer-certificate-owner-mapped@SQLA<-SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
DROP CERTIFICATE SQLB_cert;
GO
CREATE USER SQLB_cert_owner WITHOUT LOGIN;
GO
CREATE CERTIFICATE SQLB_cert AUTHORIZATION SQLB_cert_owner FROM FILE = '$(CertDir)SQLB_cert.cer';
GO
