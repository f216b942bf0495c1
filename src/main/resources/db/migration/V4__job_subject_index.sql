-- The claim query looks for an earlier unfinished job of the same person; keep that look-up indexed.
create index job_open_by_subject on job (subject, id) where finished_at is null;
