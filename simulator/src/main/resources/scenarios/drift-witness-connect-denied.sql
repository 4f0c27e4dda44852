-- drift-witness-connect-denied.sql: SQLA denies CONNECT to the witness's login.
-- With the DENY, the witness cannot reach the principal, so the witness link is one-way.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: peer-login-connect-granted@SQLA<-SQLW, witness-trust-both-ways@SQLW<-SQLA, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
DENY CONNECT ON ENDPOINT::Endpoint_Mirroring TO [SQLW_login];
GO
