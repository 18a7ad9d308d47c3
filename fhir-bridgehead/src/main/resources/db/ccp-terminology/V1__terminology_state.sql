-- What the terminology loader put into the store at its last complete load: a hash of the shipped
-- resources and one of the stored resources' ids and versions. A restart that finds both unchanged
-- skips the load (TerminologyStoreLoader); a changed, deleted or updated resource reloads it.
CREATE TABLE ccp_terminology_state (
  id            INTEGER      NOT NULL PRIMARY KEY,
  content_hash  VARCHAR(64)  NOT NULL,
  store_hash    VARCHAR(64)  NOT NULL,
  resources     INTEGER      NOT NULL,
  loaded_ms     BIGINT       NOT NULL
);
