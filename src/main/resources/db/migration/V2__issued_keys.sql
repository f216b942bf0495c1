-- Access keys the bot created: ids only, never a secret. A key that was never delivered, or that belongs to an
-- earlier grant, is the bot's to delete when it provisions again (credentials are rotated, not reused).
create table issued_key (
    access_key_id  text primary key,
    request_id     bigint      not null references access_request (id),
    iam_user_name  text        not null,
    created_at     timestamptz not null default now(),
    delivered_at   timestamptz,
    deleted_at     timestamptz
);
create index issued_key_by_user on issued_key (lower(iam_user_name)) where deleted_at is null;
