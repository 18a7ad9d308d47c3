-- The audit trail of one component. Times as epoch milliseconds: same on H2 and PostgreSQL.
CREATE TABLE ccp_audit_event (
  id           VARCHAR(36)  NOT NULL PRIMARY KEY,
  recorded_ms  BIGINT       NOT NULL,
  agent_kind   VARCHAR(16)  NOT NULL,
  agent_id     VARCHAR(200),
  site         VARCHAR(16),
  category     VARCHAR(32)  NOT NULL,
  interaction  VARCHAR(32)  NOT NULL,
  outcome      VARCHAR(2)   NOT NULL,
  status       INTEGER      NOT NULL,
  path         VARCHAR(1000),
  resource     TEXT         NOT NULL
);
CREATE INDEX ccp_audit_event_recorded ON ccp_audit_event (recorded_ms);
CREATE INDEX ccp_audit_event_agent ON ccp_audit_event (agent_id, recorded_ms);
