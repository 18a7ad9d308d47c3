-- A linked (same person) pseudonym points to the one kept; it is retired in the registry.
CREATE TABLE ccp_local_alias (
  retired_id VARCHAR(32) NOT NULL PRIMARY KEY,
  kept_id    VARCHAR(32) NOT NULL,
  linked_ms  BIGINT      NOT NULL
);
