-- drift-master-key-not-service-protected.sql: SQLA's master key is no longer protected by the service master key.
-- Someone dropped the service master key encryption (for example to move master between servers). The endpoint
-- keeps working until the next restart, when it can no longer open its certificate.
-- expect-fail: master-key-protected-by-service-key@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
ALTER MASTER KEY DROP ENCRYPTION BY SERVICE MASTER KEY;
GO
