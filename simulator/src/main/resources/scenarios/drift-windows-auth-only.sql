-- drift-windows-auth-only.sql: SQLB's endpoint authenticates with Windows only.
-- AUTHENTICATION was switched to WINDOWS NEGOTIATE (the CREATE ENDPOINT default); the certificate is no longer
-- used, which fails between instances that do not share a domain.
-- expect-fail: endpoint-certificate-authentication@SQLB

:r _setup-two-partners-witness.sql

:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NEGOTIATE);
GO
