-- drift-witness-endpoint-dropped.sql: the witness SQLW has no mirroring endpoint any more.
-- The endpoint was dropped on the witness (a cleanup script that treated it as unused); the principal still
-- names SQLW as witness.
-- expect-fail: endpoint-present@SQLW

:r _setup-two-partners-witness.sql

:CONNECT SQLW
DROP ENDPOINT Endpoint_Mirroring;
GO
