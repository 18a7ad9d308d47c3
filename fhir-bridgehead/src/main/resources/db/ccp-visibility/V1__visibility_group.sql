-- Groups the site admin manages in the pages (issue 22 item 3): which treating units a group of
-- the identity provider's groups claim sees. Groups of the configuration (ccp.visibility.groups)
-- are not stored here and cannot be changed in the pages.
CREATE TABLE ccp_visibility_group (
  name        VARCHAR(128)  NOT NULL PRIMARY KEY,
  units       VARCHAR(4000) NOT NULL,
  all_units   BOOLEAN       NOT NULL,
  changed_by  VARCHAR(256)  NOT NULL,
  changed_ms  BIGINT        NOT NULL
);
