-- drift-witness-connect-denied.sql: SQLA denies CONNECT to the witness's login.
-- With the DENY, the witness cannot reach the principal, so the witness link is one-way.
-- expect-fail: peer-login-connect-granted@SQLA<-SQLW, witness-trust-both-ways@SQLW<-SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
DENY CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLW_login];
GO
