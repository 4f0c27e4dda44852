-- drift-unresolved-witness-address.sql: the witness address the principal holds matches no audited instance.
-- The witness endpoint was moved from port 5024 to 5025 after the session was set up, and the session was not
-- re-pointed: TCP://SQLW.corp.example:5024 names SQLW's host but no instance's endpoint port, so trust for
-- that link cannot be checked (and the witness is unreachable for the partners).
-- expect-fail: peer-address-resolved@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLW
ALTER ENDPOINT Endpoint_Mirroring AS TCP (LISTENER_PORT = 5025);
GO
