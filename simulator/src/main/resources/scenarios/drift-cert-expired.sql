-- drift-cert-expired.sql: every endpoint certificate has expired.
-- The certificates were created without EXPIRY_DATE on 2026-01-01; the clock is moved to 2027-01-05, four days
-- after they expired. Running sessions survive, new connections (after a restart or failover) fail.
-- simulator-only (uses the :clock extension)
-- The broken link drops the session at its next reconnect (the simulator shows that state at once), so the
-- principal reports it: mirroring-session-healthy@SQLA.
-- expect-fail: endpoint-certificate-validity@SQLA, endpoint-certificate-validity@SQLB, endpoint-certificate-validity@SQLW, mirroring-session-healthy@SQLA

:clock 2026-01-01T00:00:00Z
:r _setup-two-partners-witness.sql

:clock 2027-01-05T00:00:00Z
