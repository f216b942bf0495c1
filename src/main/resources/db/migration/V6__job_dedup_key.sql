-- At most one unfinished job per key: one open removal and one open deletion per grant (a deletion asked for while
-- a removal runs is queued behind it), whatever the number of admins or replicas asking at once.
alter table job add column dedup_key text;
drop index job_one_open_revocation;
-- Unfinished revocations from before: their payload "remove:U…" / "delete:U…" becomes the typed one.
update job set dedup_key = 'revoke:' || request_id || ':' || split_part(payload, ':', 1),
               payload = json_build_object('mode', upper(split_part(payload, ':', 1)),
                                           'actor', substr(payload, position(':' in payload) + 1))::text
    where kind = 'REVOKE' and finished_at is null;
create unique index job_one_open_per_key on job (dedup_key) where finished_at is null and dedup_key is not null;
