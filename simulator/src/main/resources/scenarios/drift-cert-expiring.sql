-- drift-cert-expiring.sql: every endpoint certificate expires in 10 days.
-- The certificates were created without EXPIRY_DATE on 2026-01-01, so they expire one year later; the clock is
-- then moved to 2026-12-22.
-- simulator-only (uses the :clock extension)
-- expect-fail: endpoint-certificate-expiry-horizon@SQLA, endpoint-certificate-expiry-horizon@SQLB, endpoint-certificate-expiry-horizon@SQLW

:clock 2026-01-01T00:00:00Z
:r _setup-two-partners-witness.sql

:clock 2026-12-22T00:00:00Z
