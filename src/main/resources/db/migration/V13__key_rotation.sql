-- Access keys rotated with an overlap: the newer key that replaced one, when a key was made inactive (the holder's
-- Retire the old key, or the overlap's end; null again after Reactivate), and the once-only notices about its age.
alter table issued_key add column replaced_by text;
alter table issued_key add column deactivated_at timestamptz;
alter table issued_key add column age_reminded_at timestamptz;
alter table issued_key add column overdue_told_at timestamptz;

-- What reconciliation last saw of a grant's credentials (for the status, the Home tabs and the once-only MFA
-- reminder): whether its console user has an MFA device (null: not looked at), and the active key's last use.
create table credential_health (
    request_id            bigint primary key references access_request (id),
    checked_at            timestamptz not null,
    mfa_present           boolean,
    mfa_reminded_at       timestamptz,
    key_last_used_at      timestamptz,
    key_last_used_service text,
    key_last_used_region  text
);
