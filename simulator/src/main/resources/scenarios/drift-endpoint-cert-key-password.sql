-- drift-endpoint-cert-key-password.sql: SQLB's endpoint certificate key is protected by a password, not the master key.
-- The private key was re-encrypted with a password; the endpoint cannot open it by itself after a restart.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-certificate-key-protected-by-master-key@SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
ALTER CERTIFICATE SQLB_cert WITH PRIVATE KEY (ENCRYPTION BY PASSWORD = 'Pk!Example-2026-Strong');
GO
