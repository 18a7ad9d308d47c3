-- Access requests of data subjects (CCP-IT §6.3): the case number, whose request it is (local
-- pseudonym), who opened it, and the export without identifying data (those stay in the local
-- patient list and are read again for every download). Purged after the retention
-- ('access-requests').
CREATE TABLE ccp_access_request (
  case_number   VARCHAR(32)   NOT NULL PRIMARY KEY,
  bk_local      VARCHAR(64)   NOT NULL,
  requested_by  VARCHAR(200)  NOT NULL,
  created_ms    BIGINT        NOT NULL,
  export_json   TEXT          NOT NULL
);
CREATE INDEX ccp_access_request_created ON ccp_access_request (created_ms);
