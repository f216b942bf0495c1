-- The first reconciliation of a group the bot never saw reports its members nobody granted in one summary: each
-- member's finding names the summary's, and the admins' Remove all / Keep all answers them together.
alter table reconcile_finding add column summary_id bigint references reconcile_finding (id);
create index reconcile_finding_by_summary on reconcile_finding (summary_id) where summary_id is not null;
