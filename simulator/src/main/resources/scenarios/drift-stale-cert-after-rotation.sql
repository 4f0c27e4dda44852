-- drift-stale-cert-after-rotation.sql: SQLB's certificate was rotated but its old public copies still sit on the peers.
-- SQLA and SQLW trust the new SQLB_cert_2 and keep the old SQLB_cert, owned by the same user whose login holds
-- CONNECT: anyone holding the old (maybe leaked) private key can still authenticate as SQLB.
-- expect-fail: stale-endpoint-trust@SQLA, stale-endpoint-trust@SQLW

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
CREATE CERTIFICATE SQLB_cert_2 WITH SUBJECT = 'SQLB certificate for database mirroring (rotated)';
GO
BACKUP CERTIFICATE SQLB_cert_2 TO FILE = '$(CertDir)SQLB_cert_2.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLB_cert_2.pvk',
                      ENCRYPTION BY PASSWORD = '$(KeyBackupPassword)');
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
