-- drift-witness-endpoint-role-partner.sql: the witness endpoint's role was changed to PARTNER.
-- SQLW still is the witness of the session, but its endpoint no longer accepts the WITNESS role.
-- expect-fail: endpoint-role-fits-topology@SQLW

:r _setup-two-partners-witness.sql

:CONNECT SQLW
ALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ROLE = PARTNER);
GO
