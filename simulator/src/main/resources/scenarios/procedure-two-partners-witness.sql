-- procedure-two-partners-witness.sql: the documented certificate procedure, done right.
-- SQLA (principal) and SQLB (mirror) mirror the database Sales with SQLW as witness; every instance has a master
-- key protected by the service master key, a certificate-authenticated endpoint with REQUIRED AES, a backed-up
-- endpoint certificate, and trusts each of its peers (login, user, public certificate, CONNECT). Nothing must
-- FAIL. The steps are in _setup-two-partners-witness.sql.
-- expect-fail: 

:r _setup-two-partners-witness.sql

