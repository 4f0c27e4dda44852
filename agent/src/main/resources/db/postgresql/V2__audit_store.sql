-- The audit store of a cluster of agents: the H2 store's tables (store/AuditStore.java) plus what agents share.
CREATE TABLE audit_run (
  id VARCHAR(64) PRIMARY KEY,
  trigger_kind VARCHAR(16) NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  instances VARCHAR(8000) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  detail VARCHAR(4000),
  -- the agent (Quartz instance id) that ran it: only a dead agent's RUNNING runs are marked INTERRUPTED
  agent_id VARCHAR(200) NOT NULL);
CREATE INDEX audit_run_started ON audit_run(started_at);
CREATE INDEX audit_run_running ON audit_run(outcome, agent_id);

CREATE TABLE audit_finding (
  run_id VARCHAR(64) NOT NULL,
  rule_id VARCHAR(200) NOT NULL,
  instance VARCHAR(256) NOT NULL,
  peer VARCHAR(256) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  severity VARCHAR(16) NOT NULL,
  message VARCHAR(4000),
  waived BOOLEAN NOT NULL);
CREATE INDEX audit_finding_run ON audit_finding(run_id);

CREATE TABLE finding_lifecycle (
  rule_id VARCHAR(200) NOT NULL,
  instance VARCHAR(256) NOT NULL,
  peer VARCHAR(256) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  severity VARCHAR(16) NOT NULL,
  message VARCHAR(4000),
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  resolved_at BIGINT,
  PRIMARY KEY (rule_id, instance, peer, subject));

-- The latest facts of every instance, whichever agent collected them: each agent evaluates the whole fleet from
-- these, so its findings are the ones a single agent would compute. One row per instance (snapshot-format JSON).
CREATE TABLE instance_facts (
  instance VARCHAR(256) PRIMARY KEY,
  collected_at BIGINT NOT NULL,
  agent_id VARCHAR(200) NOT NULL,
  facts TEXT NOT NULL);
