-- drift-cert-not-yet-valid.sql: SQLB switched its endpoint to a certificate that only becomes valid in 2030.
-- A rotation done by the book (new certificate, private key exported, public part installed on SQLA and SQLW for
-- the same users, endpoint switched, old copies dropped), except that the new certificate was created with
-- START_DATE = '2030-01-01': until then SQLB's endpoint authenticates with a certificate that is not yet valid.
-- Because the key was exported before its certificate's start date, the catalog's backup rule (export date before
-- start_date) counts it as not exported either.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-certificate-validity@SQLB, endpoint-certificate-backed-up@SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
CREATE CERTIFICATE SQLB_cert_2030
    WITH SUBJECT = 'SQLB certificate for database mirroring from 2030',
    START_DATE = '2030-01-01', EXPIRY_DATE = '2031-01-01';
GO
BACKUP CERTIFICATE SQLB_cert_2030 TO FILE = '$(CertDir)SQLB_cert_2030.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLB_cert_2030.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO
:CONNECT SQLA
USE master;
GO
CREATE CERTIFICATE SQLB_cert_2030 AUTHORIZATION SQLB_user FROM FILE = '$(CertDir)SQLB_cert_2030.cer';
GO
:CONNECT SQLW
USE master;
GO
CREATE CERTIFICATE SQLB_cert_2030 AUTHORIZATION SQLB_user FROM FILE = '$(CertDir)SQLB_cert_2030.cer';
GO
:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE SQLB_cert_2030);
GO
DROP CERTIFICATE SQLB_cert;
GO
:CONNECT SQLA
DROP CERTIFICATE SQLB_cert;
GO
:CONNECT SQLW
DROP CERTIFICATE SQLB_cert;
GO
