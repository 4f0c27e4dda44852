-- drift-witness-removed-trust-left.sql: the witness was removed from the session, its trust was not.
-- SET WITNESS OFF ended SQLW's part in the Sales session, but nobody cleaned up: SQLA and SQLB still hold SQLW's
-- certificate and grant CONNECT to SQLW_login, and SQLW (still running its endpoint) keeps both partners'
-- certificates and CONNECT grants. Each of them lets whoever holds the other side's private key connect although no
-- session needs it any more.
-- expect-fail: stale-endpoint-trust@SQLA, stale-endpoint-trust@SQLB, stale-endpoint-trust@SQLW

:r _setup-two-partners-witness.sql

:CONNECT SQLA
ALTER DATABASE $(Database) SET WITNESS OFF;
GO
