-- A check value of the list's key (HMAC of a constant): a start with another key is refused
-- instead of silently issuing new pseudonyms to known patients.
CREATE TABLE ccp_local_patient_key (
  id          INTEGER     NOT NULL PRIMARY KEY,
  check_value VARCHAR(64) NOT NULL
);
