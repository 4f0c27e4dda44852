-- procedure-ag-three-replicas.sql: a three-replica availability group (CLUSTER_TYPE = NONE, Linux-style hosts
-- SQLAG1 primary, SQLAG2 synchronous and SQLAG3 asynchronous secondaries, database Orders seeded automatically),
-- its endpoints secured with one certificate per replica as Microsoft documents it. Every replica is connected and
-- every database seeded; nothing must FAIL. The steps are in _setup-ag-three-replicas.sql.
-- expect-fail: 

:r _setup-ag-three-replicas.sql
