-- A partner leaves the network (CCP-IT §5.3, issue 21 item 7): one departure case per site. Its row
-- also marks the site as departed: the central list refuses every further call of the site's
-- certificate. No pseudonym is kept here; mds_instruction is the MDS database's instruction (the
-- MDS*G-IDs to keep and to anonymise), sealed for the MDS database, kept only until the MDS
-- database's signed receipt is recorded.
CREATE TABLE ccp_departure_case (
  id               VARCHAR(36)  NOT NULL PRIMARY KEY,
  site             VARCHAR(12)  NOT NULL UNIQUE,
  requested_by     VARCHAR(200) NOT NULL,
  received_ms      BIGINT       NOT NULL,
  deadline         DATE         NOT NULL,
  -- set once the central list's own part is done
  completed_ms     BIGINT,
  kept             INTEGER,
  anonymised       INTEGER,
  deleted          INTEGER,
  retired          INTEGER,
  mds_instruction  VARCHAR(1000000),
  mds_confirmed_ms BIGINT,
  mds_detail       VARCHAR(1000)
);
