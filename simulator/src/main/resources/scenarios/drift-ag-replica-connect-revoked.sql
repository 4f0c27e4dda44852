-- drift-ag-replica-connect-revoked.sql: a permission cleanup on SQLAG2 revoked CONNECT on [Hadr_endpoint] from
-- SQLAG1's login. SQLAG1's certificate still authenticates as SQLAG1_login, which may no longer connect, so the
-- primary and SQLAG2 lose each other: both show SQLAG2 DISCONNECTED (error 35201). SQLAG3 is untouched.
-- expect-fail: peer-login-connect-granted@SQLAG2<-SQLAG1, replica-connected@SQLAG1, replica-connected@SQLAG2

:r _setup-ag-three-replicas.sql

:CONNECT SQLAG2
USE master;
GO
REVOKE CONNECT ON ENDPOINT::[Hadr_endpoint] FROM [SQLAG1_login];
GO
