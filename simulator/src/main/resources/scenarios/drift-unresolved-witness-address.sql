-- drift-unresolved-witness-address.sql: the witness address the principal holds matches no audited instance.
-- The witness endpoint was moved from port 5024 to 5025 after the session was set up, and the session was not
-- re-pointed: TCP://SQLW.corp.example:5024 names SQLW's host but no instance's endpoint port, so trust for
-- that link cannot be checked (and the witness is unreachable for the partners).
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: peer-address-resolved@SQLA, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLW
ALTER ENDPOINT Endpoint_Mirroring AS TCP (LISTENER_PORT = 5025);
GO
