-- drift-encryption-rc4.sql: SQLB's endpoint requires RC4.
-- An old build script set ALGORITHM RC4 (deprecated). REQUIRED RC4 has no algorithm in common with the REQUIRED
-- AES endpoints of SQLA and SQLW, so both of SQLB's links cannot agree on encryption.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-encryption-aes-only@SQLB, partner-encryption-compatible@SQLB<-SQLA, partner-encryption-compatible@SQLB<-SQLW, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4);
GO
