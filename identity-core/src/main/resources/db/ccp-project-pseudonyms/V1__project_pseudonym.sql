-- Project pseudonyms (CCP-IT §2.2): which local person (BK-L-ID) or central person takes part in
-- which CCP application, under which pseudonym of the project's domain (e.g. RPB-HD-L).
CREATE TABLE ccp_project_pseudonym (
  owner       VARCHAR(64) NOT NULL,
  domain      VARCHAR(40) NOT NULL,
  pseudonym   VARCHAR(40) NOT NULL UNIQUE,
  created_ms  BIGINT      NOT NULL,
  PRIMARY KEY (owner, domain)
);
