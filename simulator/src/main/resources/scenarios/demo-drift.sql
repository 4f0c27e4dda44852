-- demo-drift.sql: a fleet with a few realistic problems at once, for the demo.
-- SQLA's master key lost its service master key protection; CONNECT on SQLB's endpoint is granted to public; the
-- witness lost SQLA's certificate; and all endpoint certificates (created 2026-01-01 with the default one-year
-- validity) expire in 20 days.
-- simulator-only (uses the :clock extension)
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: master-key-protected-by-service-key@SQLA, endpoint-connect-not-public@SQLB, peer-certificate-installed@SQLW<-SQLA, witness-trust-both-ways@SQLW<-SQLA, endpoint-certificate-expiry-horizon@SQLA, endpoint-certificate-expiry-horizon@SQLB, endpoint-certificate-expiry-horizon@SQLW, mirroring-session-healthy@SQLA

:clock 2026-01-01T00:00:00Z
:r _setup-two-partners-witness.sql

:CONNECT SQLA
USE master;
GO
ALTER MASTER KEY DROP ENCRYPTION BY SERVICE MASTER KEY;
GO
:CONNECT SQLB
USE master;
GO
GRANT CONNECT ON ENDPOINT::Endpoint_Mirroring TO public;
GO
:CONNECT SQLW
USE master;
GO
DROP CERTIFICATE SQLA_cert;
GO
:clock 2026-12-12T00:00:00Z
