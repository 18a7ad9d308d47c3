-- The site's decentralized-search agent and approval (issue 6). Times as epoch milliseconds.
-- The broker cursor: meta.lastUpdated of the last broker change the agent has handled.
CREATE TABLE ccp_search_agent_cursor (
  id           VARCHAR(16)  PRIMARY KEY,
  last_updated VARCHAR(40)  NOT NULL
);

-- One row per search request that reached this site: what the broker sent (never changed), the
-- local matches (Patient ids, one per line; they never leave the site) and the approver's decision.
-- outbox_pending: a decision the broker has not yet confirmed (sent again by the agent).
CREATE TABLE ccp_search_request (
  task_id          VARCHAR(90)   PRIMARY KEY,
  request_id       VARCHAR(64)   NOT NULL,
  requester        VARCHAR(200)  NOT NULL,
  criteria         VARCHAR(8000) NOT NULL,
  prose            VARCHAR(4000),
  valid_until_ms   BIGINT        NOT NULL,
  certificate_b64  VARCHAR(20000) NOT NULL,
  status           VARCHAR(20)   NOT NULL,
  matches          VARCHAR(1000000) NOT NULL,
  match_count      INTEGER       NOT NULL,
  evaluation_error VARCHAR(1000),
  decision         VARCHAR(20),
  decided_by       VARCHAR(200),
  reason           VARCHAR(2000),
  released         VARCHAR(20),
  message          VARCHAR(2000),
  outbox_pending   BOOLEAN       NOT NULL,
  received_ms      BIGINT        NOT NULL,
  updated_ms       BIGINT        NOT NULL
);
CREATE INDEX ccp_search_request_pending ON ccp_search_request (outbox_pending);
