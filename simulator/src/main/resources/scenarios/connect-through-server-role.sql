-- connect-through-server-role.sql: nothing is broken; SQLB grants CONNECT to its peers through a server role.
-- Instead of one GRANT per peer login, SQLB creates the user-defined server role mirroring_peers (SQL Server 2012
-- and later), makes the logins of SQLA and SQLW members, grants CONNECT on the endpoint to the role and revokes the
-- explicit grants. SQL Server checks the login's effective permission, so both peers can still connect, and a role
-- whose members are exactly the current peers' logins is no leftover.
-- expect-fail:

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
CREATE SERVER ROLE [mirroring_peers];
GO
ALTER SERVER ROLE [mirroring_peers] ADD MEMBER [SQLA_login];
ALTER SERVER ROLE [mirroring_peers] ADD MEMBER [SQLW_login];
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO [mirroring_peers];
GO
REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [SQLA_login];
REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM [SQLW_login];
GO
