-- drift-ag-endpoint-url-wrong-port.sql: the group's ENDPOINT_URL for SQLAG3 names port 5023, but SQLAG3's
-- [Hadr_endpoint] listens on 5022 (a typo in a MODIFY REPLICA made while moving the replica).
-- The primary dials the wrong port and SQLAG3 never reconnects: SQLAG1 shows SQLAG3 DISCONNECTED with error 35201
-- (connection timeout), and SQLAG3's own row is DISCONNECTED. SQLAG1 and SQLAG2 both read the group's replica list,
-- whose TCP://SQLAG3.corp.example:5023 reaches no endpoint, so the address stays unresolved where they report it.
-- expect-fail: replica-endpoint-url-matches@SQLAG3, replica-connected@SQLAG1, replica-connected@SQLAG3,
-- expect-fail: peer-address-resolved@SQLAG1, peer-address-resolved@SQLAG2

:r _setup-ag-three-replicas.sql

:CONNECT SQLAG1
USE master;
GO
ALTER AVAILABILITY GROUP [$(Group)]
    MODIFY REPLICA ON N'SQLAG3' WITH (ENDPOINT_URL = N'TCP://SQLAG3.corp.example:5023');
GO
