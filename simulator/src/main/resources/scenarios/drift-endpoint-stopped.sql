-- drift-endpoint-stopped.sql: SQLB's mirroring endpoint was stopped.
-- A maintenance step left the endpoint STOPPED: the mirror no longer accepts mirroring connections.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-started@SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED;
GO
