-- Withdrawals (CCP-IT §6.5), one row each, tracked as a FHIR Task. The columns marked protected are
-- what later steps of the cascade need (the patient's pseudonyms); they are read by no API and
-- cleared when the withdrawal completes, so that afterwards nothing here leads to the patient.
CREATE TABLE ccp_withdrawal (
  id              VARCHAR(36)   NOT NULL PRIMARY KEY,
  mode            VARCHAR(16)   NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  created_ms      BIGINT        NOT NULL,
  updated_ms      BIGINT        NOT NULL,
  attempts        INTEGER       NOT NULL DEFAULT 0,
  next_attempt_ms BIGINT,
  last_error      VARCHAR(500),
  completion      VARCHAR(4000),
  -- protected
  bk_local        VARCHAR(32),
  bk_global       VARCHAR(32),
  held_kind       VARCHAR(16),
  patient_ids     VARCHAR(4000)
);
CREATE INDEX ccp_withdrawal_due ON ccp_withdrawal (status, next_attempt_ms);

-- One row per confirmed step: what the component answered (counts and codes, nothing identifying).
CREATE TABLE ccp_withdrawal_step (
  withdrawal_id   VARCHAR(36)   NOT NULL,
  step            VARCHAR(32)   NOT NULL,
  confirmation    VARCHAR(1000) NOT NULL,
  confirmed_ms    BIGINT        NOT NULL,
  PRIMARY KEY (withdrawal_id, step)
);
