-- drift-master-key-dropped.sql: SQLB has no database master key in master any more.
-- DROP MASTER KEY is refused while a private key is encrypted by it, so the key of SQLB's endpoint certificate was
-- first re-encrypted with a password; then the master key was dropped. The endpoint cannot open its private key by
-- itself, so SQLB cannot authenticate to its peers.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: master-key-present@SQLB, endpoint-certificate-key-protected-by-master-key@SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
ALTER CERTIFICATE SQLB_cert WITH PRIVATE KEY (ENCRYPTION BY PASSWORD = 'Pk!Example-2026-Strong');
GO
DROP MASTER KEY;
GO
