-- The remediation journal of a cluster: what <storage.path>/remediation-journal.jsonl is for one agent, shared so
-- every agent sees (and does not repeat) what the others applied. Append-only like the file: one row per record,
-- an action's latest record (highest seq) is its state. Statements are stored as planned: placeholders, no secrets.
CREATE TABLE remediation_journal (
  seq BIGSERIAL PRIMARY KEY,
  id VARCHAR(64) NOT NULL,
  -- the agent (Quartz instance id) or CLI process that wrote it: a STARTED row of a writer that no longer checks
  -- in reads INTERRUPTED
  agent_id VARCHAR(200) NOT NULL,
  plan_hash VARCHAR(64) NOT NULL,
  rule_id VARCHAR(200) NOT NULL,
  instance VARCHAR(256) NOT NULL,
  peer VARCHAR(256),
  risk VARCHAR(16) NOT NULL,
  mode VARCHAR(16) NOT NULL,
  trigger_kind VARCHAR(64) NOT NULL,
  statements TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  status VARCHAR(16) NOT NULL,
  error TEXT,
  post_audit TEXT);
CREATE INDEX remediation_journal_action ON remediation_journal(id, seq);
CREATE INDEX remediation_journal_started ON remediation_journal(started_at);
