-- What the owner of an instance's metrics (store/InstanceOwners: usually not the agent that collected it) needs
-- from the shared facts to export the collection series as a single agent would.
-- last_success_at: end (epoch ms) of the instance's last collection that read the whole catalog, by any agent; a
-- failed collection keeps it, so mirrorguard_audit_last_success_timestamp_seconds survives another agent's failure.
-- Rows stored before this migration have none until their next successful collection.
ALTER TABLE instance_facts ADD COLUMN last_success_at BIGINT;
-- revision: changes with every write of any instance's facts, so an agent notices cheaply (max(revision)) that
-- another agent stored facts and re-evaluates, keeping the series it exports current.
CREATE SEQUENCE instance_facts_revision;
ALTER TABLE instance_facts ADD COLUMN revision BIGINT NOT NULL DEFAULT nextval('instance_facts_revision');
