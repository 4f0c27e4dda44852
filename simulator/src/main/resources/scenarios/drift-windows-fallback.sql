-- drift-windows-fallback.sql: SQLA's endpoint falls back to Windows authentication.
-- AUTHENTICATION = CERTIFICATE SQLA_cert WINDOWS NEGOTIATE tries the certificate first and then Windows; the
-- default policy (allowWindowsFallback: false) does not accept the fallback.
-- expect-fail: endpoint-certificate-authentication@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLA_cert WINDOWS NEGOTIATE);
GO
