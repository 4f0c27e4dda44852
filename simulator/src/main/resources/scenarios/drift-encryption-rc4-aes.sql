-- drift-encryption-rc4-aes.sql: SQLA's endpoint still allows RC4 next to AES.
-- ALGORITHM RC4 AES keeps encryption required and still agrees with AES-only peers, but RC4 can be negotiated.
-- expect-fail: endpoint-encryption-aes-only@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4 AES);
GO
