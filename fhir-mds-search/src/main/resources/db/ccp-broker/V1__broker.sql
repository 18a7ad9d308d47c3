-- The broker of decentralized searches (issue 6). Times as epoch milliseconds: same on H2 and
-- PostgreSQL.
-- broker_request: the researcher's request Task as stored at creation (JSON); it never changes.
CREATE TABLE broker_request (
  id             VARCHAR(64)  PRIMARY KEY,
  requester      VARCHAR(200) NOT NULL,
  task_json      VARCHAR(1000000) NOT NULL,
  valid_until_ms BIGINT       NOT NULL,
  created_ms     BIGINT       NOT NULL
);
CREATE INDEX broker_request_requester ON broker_request (requester, created_ms);
CREATE INDEX broker_request_valid ON broker_request (valid_until_ms);

-- broker_site_task: one site's part of a request; only its state changes.
-- updated_ms: strictly increasing over all rows of one broker, the sites' long-poll cursor.
CREATE TABLE broker_site_task (
  id              VARCHAR(90)  PRIMARY KEY,
  request_id      VARCHAR(64)  NOT NULL REFERENCES broker_request (id),
  site            VARCHAR(16)  NOT NULL,
  status          VARCHAR(20)  NOT NULL,
  business_status VARCHAR(20),
  reason          VARCHAR(2000),
  output_b64      VARCHAR(1000000),
  version         INTEGER      NOT NULL,
  updated_ms      BIGINT       NOT NULL
);
CREATE INDEX broker_site_task_site ON broker_site_task (site, updated_ms);
CREATE INDEX broker_site_task_request ON broker_site_task (request_id);
