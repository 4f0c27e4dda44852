-- drift-witness-missing-peer-cert.sql: the witness lost SQLA's certificate.
-- SQLW still has SQLA's login, user and CONNECT grant, but the public certificate was dropped, so SQLA cannot
-- authenticate to the witness.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: peer-certificate-installed@SQLW<-SQLA, witness-trust-both-ways@SQLW<-SQLA, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLW
USE master;
GO
DROP CERTIFICATE SQLA_cert;
GO
