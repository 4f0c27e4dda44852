-- drift-encryption-supported.sql: SQLA's endpoint only SUPPORTS encryption.
-- ENCRYPTION = SUPPORTED lets a peer connect without encryption; AES is still negotiated with SQLB and SQLW, so
-- the link itself agrees, but the endpoint allows unencrypted traffic.
-- expect-fail: endpoint-encryption-required@SQLA, endpoint-encryption-aes-only@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = SUPPORTED ALGORITHM AES);
GO
