-- drift-witness-endpoint-dropped.sql: the witness SQLW has no mirroring endpoint any more.
-- The endpoint was dropped on the witness (a cleanup script that treated it as unused); the principal still
-- names SQLW as witness.
-- Without an endpoint SQLW trusts nobody: both witness links lack trust.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-present@SQLW, witness-trust-both-ways@SQLW<-SQLA, witness-trust-both-ways@SQLW<-SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLW
DROP ENDPOINT Endpoint_Mirroring;
GO
