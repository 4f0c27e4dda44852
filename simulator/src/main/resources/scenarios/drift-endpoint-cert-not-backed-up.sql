-- drift-endpoint-cert-not-backed-up.sql: SQLB's endpoint certificate was rotated and the new private key never backed up.
-- The rotation itself is correct (new certificate trusted by SQLA and SQLW before the endpoint switched, old
-- copies dropped), but only the public part of SQLB_cert_2 was exported.
-- expect-fail: endpoint-certificate-backed-up@SQLB

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
CREATE CERTIFICATE SQLB_cert_2 WITH SUBJECT = 'SQLB certificate for database mirroring (rotated)';
GO
BACKUP CERTIFICATE SQLB_cert_2 TO FILE = '$(CertDir)SQLB_cert_2.cer';
GO
:CONNECT SQLA
USE master;
GO
CREATE CERTIFICATE SQLB_cert_2 AUTHORIZATION SQLB_user FROM FILE = '$(CertDir)SQLB_cert_2.cer';
GO
:CONNECT SQLW
USE master;
GO
CREATE CERTIFICATE SQLB_cert_2 AUTHORIZATION SQLB_user FROM FILE = '$(CertDir)SQLB_cert_2.cer';
GO
:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLB_cert_2);
GO
DROP CERTIFICATE SQLB_cert;
GO
:CONNECT SQLA
DROP CERTIFICATE SQLB_cert;
GO
:CONNECT SQLW
DROP CERTIFICATE SQLB_cert;
GO
