-- A partner leaves the network (CCP-IT §5.3): its records were deleted or anonymised on the central
-- patient list's instruction; from then on its uploads and withdrawals are refused.
CREATE TABLE mds_departed_site (
  site         VARCHAR(16)  NOT NULL PRIMARY KEY,
  case_id      VARCHAR(36)  NOT NULL,
  departed_ms  BIGINT       NOT NULL
);
