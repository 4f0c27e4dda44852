-- drift-witness-trusts-one-partner.sql: the witness trusts only SQLA.
-- SQLW never got (or lost) the inbound setup for SQLB: no certificate, user or login for it. Typical when the
-- mirror was added after the witness was built.
-- expect-fail: peer-certificate-installed@SQLW<-SQLB, witness-trust-both-ways@SQLW<-SQLB

:r _setup-two-partners-witness.sql

:CONNECT SQLW
USE master;
GO
DROP CERTIFICATE SQLB_cert;
DROP USER SQLB_user;
DROP LOGIN SQLB_login;
GO
