-- drift-server-role-connect-leftover.sql: SQLB's endpoint CONNECT goes through a server role that still holds the
-- login of a decommissioned partner.
-- SQLB grants CONNECT to the server role mirroring_peers, whose members are the logins of SQLA and SQLW and also
-- SQLC_login, kept from a partner that left the topology. Whoever holds SQLC's private key can still connect, so
-- the grant is a leftover through that one member; the current peers' trust is intact.
-- expect-fail: stale-endpoint-trust@SQLB

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
CREATE LOGIN SQLC_login WITH PASSWORD = '$(PeerLoginPassword)';
GO
CREATE SERVER ROLE mirroring_peers;
GO
ALTER SERVER ROLE mirroring_peers ADD MEMBER SQLA_login;
ALTER SERVER ROLE mirroring_peers ADD MEMBER SQLW_login;
ALTER SERVER ROLE mirroring_peers ADD MEMBER SQLC_login;
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO mirroring_peers;
GO
REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM SQLA_login;
REVOKE CONNECT ON ENDPOINT::Endpoint_Mirroring FROM SQLW_login;
GO
