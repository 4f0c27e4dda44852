-- drift-unencrypted-connections.sql: live mirroring connections without encryption.
-- Both partners were switched to ENCRYPTION = SUPPORTED and the witness to DISABLED. DISABLED can talk to
-- SUPPORTED (only REQUIRED refuses it), so the witness links stay up but carry no encryption, which
-- sys.dm_db_mirroring_connections shows on every instance; the partners still agree on AES with each other.
-- Every endpoint allows unencrypted traffic and more than AES.
-- expect-fail: endpoint-encryption-required@SQLA, endpoint-encryption-required@SQLB, endpoint-encryption-required@SQLW, endpoint-encryption-aes-only@SQLA, endpoint-encryption-aes-only@SQLB, endpoint-encryption-aes-only@SQLW, mirroring-connections-encrypted@SQLA, mirroring-connections-encrypted@SQLB, mirroring-connections-encrypted@SQLW

:r _setup-two-partners-witness.sql

:CONNECT SQLA
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = SUPPORTED ALGORITHM AES);
GO
:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = SUPPORTED ALGORITHM AES);
GO
:CONNECT SQLW
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED);
GO
