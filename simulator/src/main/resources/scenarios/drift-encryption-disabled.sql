-- drift-encryption-disabled.sql: the witness SQLW has encryption DISABLED.
-- DISABLED cannot talk to the REQUIRED endpoints of both partners, so both witness links break.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-encryption-required@SQLW, endpoint-encryption-aes-only@SQLW, partner-encryption-compatible@SQLW<-SQLA, partner-encryption-compatible@SQLW<-SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLW
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED);
GO
