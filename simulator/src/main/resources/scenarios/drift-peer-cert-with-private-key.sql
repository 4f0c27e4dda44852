-- drift-peer-cert-with-private-key.sql: SQLA's copy of SQLB's certificate carries SQLB's private key.
-- Whoever installed it used the key backup instead of the public .cer only, so SQLA (and its backups) can
-- impersonate SQLB.
-- expect-fail: peer-certificate-private-key-absent@SQLA<-SQLB

:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
DROP CERTIFICATE SQLB_cert;
GO
CREATE CERTIFICATE SQLB_cert AUTHORIZATION SQLB_user
    FROM FILE = '$(CertDir)SQLB_cert.cer'
    WITH PRIVATE KEY (FILE = '$(KeyVaultDir)SQLB_cert.pvk',
                      DECRYPTION BY PASSWORD = '$(KeyBackupPassword)');
GO
