-- Every pseudonym value ever issued, per domain. Rows are never deleted: a retired value (patient
-- deleted or anonymised) keeps its row with retired_ms set, so it can never be issued again.
CREATE TABLE ccp_issued_pseudonym (
  pseudonym_value VARCHAR(32) NOT NULL PRIMARY KEY,
  domain          VARCHAR(32) NOT NULL,
  issued_ms       BIGINT      NOT NULL,
  retired_ms      BIGINT
);
CREATE INDEX ccp_issued_pseudonym_domain ON ccp_issued_pseudonym (domain);
