-- drift-witness-endpoint-role-partner.sql: the witness endpoint's role was changed to PARTNER.
-- SQLW still is the witness of the session, but its endpoint no longer accepts the WITNESS role.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-role-fits-topology@SQLW, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLW
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ROLE = PARTNER);
GO
