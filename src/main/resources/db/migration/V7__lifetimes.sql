-- Access with a lifetime: how long a grant lasts and when it ends, extensions, give-back and expiry, the
-- reminder, dormant credentials, and approvals by several admins.
alter table access_request add column kind text not null default 'grant' check (kind in ('grant', 'extension'));
-- An extension request names the grant it extends.
alter table access_request add column extends_request_id bigint references access_request (id);
-- Null: permanent.
alter table access_request add column duration_seconds bigint check (duration_seconds is null or duration_seconds > 0);
-- A grant's end, set when it is approved and moved by an approved extension; null: no end.
alter table access_request add column ends_at timestamptz;
-- Why an active grant ended: expired, given back, dormant (or revoked by an admin, which the audit trail says).
alter table access_request add column ended_how text;
-- The end a reminder was sent for (so one reminder per end, also across replicas and restarts).
alter table access_request add column reminded_for timestamptz;
-- Dormant credentials: when the holder was asked "still needed?", and when they last said yes.
alter table access_request add column dormant_asked_at timestamptz;
alter table access_request add column kept_at timestamptz;

-- One open request per person concerns grants; an extension is one open per grant.
drop index access_request_one_open_per_person;
create unique index access_request_one_open_per_person on access_request (requester_id)
    where kind = 'grant' and (state in ('pending', 'approved', 'provisioning', 'failed')
                              or (state = 'active' and not dry_run));
create unique index access_request_one_open_extension on access_request (extends_request_id)
    where kind = 'extension' and state in ('pending', 'approved', 'provisioning');
create index access_request_active_grants on access_request (ends_at) where kind = 'grant' and state = 'active';

-- Each admin's approval, once: with LIGHTSAIL_APPROVALS_REQUIRED = N the Nth distinct admin's click provisions.
create table approval (
    request_id  bigint      not null references access_request (id),
    admin_id    text        not null,
    approved_at timestamptz not null default now(),
    primary key (request_id, admin_id)
);

-- What reconciliation found and reported (once each), and what an admin decided about it.
create table reconcile_finding (
    id           bigserial primary key,
    kind         text        not null,
    subject      text        not null,
    request_id   bigint      references access_request (id),
    detail       text,
    reported_at  timestamptz not null default now(),
    resolution   text,
    resolved_by  text,
    resolved_at  timestamptz,
    unique (kind, subject)
);
