-- drift-master-key-not-service-protected.sql: SQLA's master key is no longer protected by the service master key.
-- Someone dropped the service master key encryption (for example to move master between servers). The endpoint
-- keeps working until the next restart, when it can no longer open its certificate.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: master-key-protected-by-service-key@SQLA, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
ALTER MASTER KEY DROP ENCRYPTION BY SERVICE MASTER KEY;
GO
