-- Withdrawals this site did not receive itself: the central patient list told it (CCP-IT §6.5) that
-- a person it holds a global pseudonym of was withdrawn at another site. origin 'site' = received
-- here from the patient, 'central-list' = a notice; notice_id makes fetching the same notice again
-- change nothing. central_case: the central list's case (of a withdrawal received here, or the
-- notice's). deadline: 14 working days after receipt (for a notice, the central list's date).
ALTER TABLE ccp_withdrawal ADD COLUMN origin VARCHAR(16) DEFAULT 'site' NOT NULL;
ALTER TABLE ccp_withdrawal ADD COLUMN notice_id VARCHAR(64);
ALTER TABLE ccp_withdrawal ADD COLUMN central_case VARCHAR(36);
ALTER TABLE ccp_withdrawal ADD COLUMN deadline DATE;
CREATE UNIQUE INDEX ccp_withdrawal_by_notice ON ccp_withdrawal (notice_id);

-- Components a withdrawal reaches beyond its own steps, with their state: each other site the
-- central list informed ('site:TUE') and each CCP application holding a project pseudonym of the
-- patient here ('application:RPB-HD-L'). Codes and counts, nothing identifying.
CREATE TABLE ccp_withdrawal_component (
  withdrawal_id   VARCHAR(36)   NOT NULL,
  component       VARCHAR(64)   NOT NULL,
  state           VARCHAR(16)   NOT NULL,
  detail          VARCHAR(500),
  updated_ms      BIGINT        NOT NULL,
  PRIMARY KEY (withdrawal_id, component)
);

-- What the CCP applications must put in place of a withdrawn patient's project pseudonyms (CCP-IT
-- §6.5): anonymisation — the retired pseudonym and its random replacement; deletion — the retired
-- pseudonym whose records go. The applications fetch their domains' rows and confirm; the values
-- are deleted then (only domain, action and times stay), so afterwards nothing leads back.
CREATE TABLE ccp_pseudonym_replacement (
  id              VARCHAR(36)   NOT NULL PRIMARY KEY,
  withdrawal_id   VARCHAR(36)   NOT NULL,
  domain          VARCHAR(40)   NOT NULL,
  action          VARCHAR(8)    NOT NULL,
  retired         VARCHAR(40),
  replacement     VARCHAR(40),
  created_ms      BIGINT        NOT NULL,
  confirmed_ms    BIGINT,
  confirmed_by    VARCHAR(200)
);
CREATE INDEX ccp_pseudonym_replacement_domain ON ccp_pseudonym_replacement (domain, confirmed_ms);
