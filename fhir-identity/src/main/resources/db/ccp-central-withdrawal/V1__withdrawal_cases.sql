-- Withdrawals received at the central patient list (CCP-IT §6.5), one case each, and one notice
-- per other site holding a global pseudonym of the withdrawn person. Nothing here leads to a
-- person: the person is deleted when the case is opened; request_key is a SHA-256 of the calling
-- site and its (retired) pseudonym, so a repeated call finds its case without keeping the value;
-- a notice keeps the informed site's own retired pseudonym only until that site confirms.
CREATE TABLE ccp_withdrawal_case (
  id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  request_key     VARCHAR(64)  NOT NULL UNIQUE,
  site            VARCHAR(12)  NOT NULL,
  mode            VARCHAR(16)  NOT NULL,
  received_ms     BIGINT       NOT NULL,
  deadline        DATE         NOT NULL,
  -- set once the person is deleted here: the central list's own confirmation
  completed_ms    BIGINT,
  retired         INTEGER
);

CREATE TABLE ccp_withdrawal_notice (
  id              VARCHAR(36)  NOT NULL PRIMARY KEY,
  case_id         VARCHAR(36)  NOT NULL,
  site            VARCHAR(12)  NOT NULL,
  -- protected: the informed site's own global pseudonym, and its CCP applications' retired global
  -- project pseudonyms with their random replacements (anonymisation; one "domain TAB retired TAB
  -- replacement" per line), cleared on its confirmation
  pseudonym       VARCHAR(40),
  replacements    VARCHAR(4000),
  delivered_ms    BIGINT,
  confirmed_ms    BIGINT,
  outcome         VARCHAR(16),
  detail          VARCHAR(1000)
);
CREATE INDEX ccp_withdrawal_notice_site ON ccp_withdrawal_notice (site, confirmed_ms);
CREATE INDEX ccp_withdrawal_notice_case ON ccp_withdrawal_notice (case_id);
