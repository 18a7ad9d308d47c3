-- The pseudonym each source pseudonym (BK-G-ID, or BK-L-ID of locally consented patients) has in a
-- target domain (e.g. the MDS database's MDS-*-G): drawn once, at random, then stable.
CREATE TABLE ccp_target_pseudonym (
  source_value VARCHAR(32) NOT NULL,
  target       VARCHAR(32) NOT NULL,
  target_value VARCHAR(32) NOT NULL,
  created_ms   BIGINT      NOT NULL,
  PRIMARY KEY (source_value, target)
);
