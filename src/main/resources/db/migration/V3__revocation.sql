-- Revocation: when the IAM user was deleted (its name may then be reused by a new grant).
alter table access_request add column iam_user_deleted_at timestamptz;

-- At most one unfinished revocation per request: a retried user_change event, two admins at once or a repeated
-- command cannot queue a second one.
create unique index job_one_open_revocation on job (request_id) where kind = 'REVOKE' and finished_at is null;
