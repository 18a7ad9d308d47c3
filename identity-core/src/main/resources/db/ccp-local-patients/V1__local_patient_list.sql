-- The local patient list (CCP-IT §2.2): IDAT only here, encrypted (AES-256-GCM, base64), found
-- through keyed blocking keys (HMAC of phonetic name codes and the birth date), never by value.
CREATE TABLE ccp_local_patient (
  bk_local_id  VARCHAR(32)  NOT NULL PRIMARY KEY,
  block_name_a VARCHAR(64)  NOT NULL,
  block_name_b VARCHAR(64)  NOT NULL,
  block_birth  VARCHAR(64)  NOT NULL,
  idat         TEXT         NOT NULL,
  created_ms   BIGINT       NOT NULL
);
CREATE INDEX ccp_local_patient_name_a ON ccp_local_patient (block_name_a);
CREATE INDEX ccp_local_patient_name_b ON ccp_local_patient (block_name_b);
CREATE INDEX ccp_local_patient_birth ON ccp_local_patient (block_birth);

-- Possible matches waiting for the site's data manager: pseudonyms and scores only.
CREATE TABLE ccp_local_review (
  id               VARCHAR(36)  NOT NULL PRIMARY KEY,
  bk_local_id      VARCHAR(32)  NOT NULL,
  candidate_id     VARCHAR(32)  NOT NULL,
  score            DOUBLE PRECISION NOT NULL,
  similarities     VARCHAR(1000) NOT NULL,
  created_ms       BIGINT       NOT NULL,
  decision         VARCHAR(16),
  decided_ms       BIGINT
);
CREATE INDEX ccp_local_review_open ON ccp_local_review (decision);
