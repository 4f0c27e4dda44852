-- drift-endpoint-stopped.sql: SQLB's mirroring endpoint was stopped.
-- A maintenance step left the endpoint STOPPED: the mirror no longer accepts mirroring connections.
-- expect-fail: endpoint-started@SQLB

:r _setup-two-partners-witness.sql

:CONNECT SQLB
ALTER ENDPOINT Endpoint_Mirroring STATE = STOPPED;
GO
