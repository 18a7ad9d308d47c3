-- The agent acknowledges a request ("received") before evaluating it, so evaluation time never
-- delays delivery; FALSE until the matches are stored.
ALTER TABLE ccp_search_request ADD COLUMN evaluated BOOLEAN DEFAULT FALSE NOT NULL;
