-- Who accepted which version of the bridgehead's terms of use, and when (issue 22 item 5). The
-- AuditEvent of each acceptance is the record for people; this table is what the gate asks.
CREATE TABLE ccp_terms_acceptance (
  username     VARCHAR(256) NOT NULL,
  version      VARCHAR(64)  NOT NULL,
  accepted_ms  BIGINT       NOT NULL,
  PRIMARY KEY (username, version)
);
