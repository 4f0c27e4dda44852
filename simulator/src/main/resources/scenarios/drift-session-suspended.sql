-- drift-session-suspended.sql: the mirroring session for Sales is suspended.
-- SET PARTNER SUSPEND on the principal: the mirror stops receiving log.
-- expect-fail: mirroring-session-healthy@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
ALTER DATABASE $(Database) SET PARTNER SUSPEND;
GO
