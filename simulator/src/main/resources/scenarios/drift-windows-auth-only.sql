-- drift-windows-auth-only.sql: SQLB's endpoint authenticates with Windows only.
-- AUTHENTICATION was switched to WINDOWS NEGOTIATE (the CREATE ENDPOINT default); the certificate is no longer
-- used, which fails between instances that do not share a domain.
-- SQLW accepts only certificates, so SQLB (Windows only) cannot authenticate to it: the witness link lacks
-- trust SQLW<-SQLB.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-certificate-authentication@SQLB, witness-trust-both-ways@SQLW<-SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE);
GO
