-- drift-connect-granted-to-public.sql: CONNECT on SQLA's endpoint is granted to public.
-- Every login may now use the mirroring endpoint, not just the peers' certificate logins.
-- expect-fail: endpoint-connect-not-public@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO public;
GO
