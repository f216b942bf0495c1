-- Finished jobs are pruned after a retention: the pruning reads them by age.
create index job_finished_by_age on job (finished_at) where finished_at is not null;
-- A grant's keys are read by request (provisioning, revocation, reconciliation).
create index issued_key_by_request on issued_key (request_id);
-- The admins' Home tab lists the pending requests, oldest first.
create index access_request_pending on access_request (created_at, id) where state = 'pending';
