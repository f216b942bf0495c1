-- The Enterprise Grid organisation a request came from: a member of the same organisation may be at home in
-- another workspace than the one the command was typed in.
alter table access_request add column enterprise_id text;
