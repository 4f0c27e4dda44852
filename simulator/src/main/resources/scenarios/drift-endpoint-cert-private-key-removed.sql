-- drift-endpoint-cert-private-key-removed.sql: SQLB removed the private key of its own endpoint certificate.
-- ALTER CERTIFICATE ... REMOVE PRIVATE KEY is allowed on any certificate (the documentation only warns against it
-- for certificates that protect symmetric keys), including the one the endpoint authenticates with. The endpoint
-- still names the certificate, but without the private key SQLB cannot prove its identity to any peer.
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-certificate-present@SQLB, mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLB
USE master;
GO
ALTER CERTIFICATE SQLB_cert REMOVE PRIVATE KEY;
GO
