-- Access requests: one row per request, from /lightsail-access to its end.
create table access_request (
    id                bigserial primary key,
    requester_id      text        not null,
    team_id           text,
    access_type       text        not null check (access_type in ('console', 'programmatic', 'both')),
    reason            text        not null check (length(btrim(reason)) > 0),
    state             text        not null check (state in ('pending', 'approved', 'provisioning', 'active',
                                                            'failed', 'denied', 'cancelled', 'revoked')),
    dry_run           boolean     not null default false,
    iam_user_name     text,
    approval_channel  text,
    approval_ts       text,
    response_url      text,
    decided_by        text,
    decided_at        timestamptz,
    failure_reason    text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           bigint      not null default 0
);

-- One open request per person, and no second request from someone who has (real) access: enforced here, not
-- only in code. A dry-run grant is not access and does not block a real request later.
create unique index access_request_one_open_per_person on access_request (requester_id)
    where state in ('pending', 'approved', 'provisioning', 'failed') or (state = 'active' and not dry_run);

-- /lightsail-access status and the refusals read a person's latest request.
create index access_request_by_requester on access_request (requester_id, created_at desc);
-- Revocation by IAM user name.
create index access_request_by_iam_user on access_request (lower(iam_user_name)) where iam_user_name is not null;

-- The audit trail: append-only. Never a secret.
create table audit_event (
    id          bigserial primary key,
    request_id  bigint      references access_request (id),
    actor       text        not null,
    action      text        not null,
    detail      text,
    at          timestamptz not null default now()
);
create index audit_event_by_request on audit_event (request_id, id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

-- Durable work done after Slack's acknowledgement, claimed with FOR UPDATE SKIP LOCKED so that several replicas
-- can share one database and a crash at any step leaves the job to be picked up again when its lease runs out.
create table job (
    id            bigserial primary key,
    kind          text        not null,
    request_id    bigint      references access_request (id),
    subject       text,
    payload       text,
    run_after     timestamptz not null default now(),
    attempts      integer     not null default 0,
    locked_by     text,
    locked_until  timestamptz,
    last_error    text,
    created_at    timestamptz not null default now(),
    finished_at   timestamptz,
    outcome       text check (outcome in ('done', 'failed'))
);
create index job_ready on job (run_after, id) where finished_at is null;
create index job_by_request on job (request_id);

-- Slack deliveries already handled (event_id, a click, a command's trigger): a retried delivery has one effect.
create table slack_delivery (
    delivery_key  text primary key,
    received_at   timestamptz not null default now()
);
create index slack_delivery_by_age on slack_delivery (received_at);
