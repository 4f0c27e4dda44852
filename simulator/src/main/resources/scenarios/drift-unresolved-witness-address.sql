-- drift-unresolved-witness-address.sql: the witness is addressed by a DNS alias that matches no audited instance.
-- The principal's witness address was changed to TCP://dr-witness.corp.example:5024 (an alias that resolves to
-- SQLW on the network, but not in the inventory), so trust for that link cannot be checked.
-- expect-fail: peer-address-resolved@SQLA

:r _setup-two-partners-witness.sql

:CONNECT SQLA
ALTER DATABASE $(Database) SET WITNESS OFF;
GO
ALTER DATABASE $(Database) SET WITNESS = 'TCP://dr-witness.corp.example:5024';
GO
