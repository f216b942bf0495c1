-- Access levels (LIGHTSAIL_ACCESS_LEVELS): the level a request asks for, by name. Null: filed without a levels file
-- (before levels, or in a deployment that configures none), which is the default level.
alter table access_request add column level text;
-- A holder's change of level is a request of its own, naming the grant it changes (as an extension does).
alter table access_request drop constraint access_request_kind_check;
alter table access_request add constraint access_request_kind_check
    check (kind in ('grant', 'extension', 'change'));
create unique index access_request_one_open_change on access_request (extends_request_id)
    where kind = 'change' and state in ('pending', 'approved', 'provisioning');
