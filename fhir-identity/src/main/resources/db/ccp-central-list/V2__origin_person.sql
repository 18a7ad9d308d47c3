-- The person a record or site pseudonym was first given. A link decision moves both to another
-- person; the origin lets the linkage admin undo it (split the person again).
ALTER TABLE ccp_control_record ADD COLUMN origin_person_id BIGINT;
ALTER TABLE ccp_site_pseudonym ADD COLUMN origin_person_id BIGINT;
UPDATE ccp_control_record SET origin_person_id = person_id WHERE origin_person_id IS NULL;
UPDATE ccp_site_pseudonym SET origin_person_id = person_id WHERE origin_person_id IS NULL;
CREATE INDEX ccp_control_record_origin ON ccp_control_record (origin_person_id);
