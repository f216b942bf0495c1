-- Access keys rotated with an overlap: the newer key that replaced one, when a key was made inactive (the holder's
-- Retire the old key, or the overlap's end; null again after Reactivate), and the once-only notices about its age.
alter table issued_key add column replaced_by text;
alter table issued_key add column deactivated_at timestamptz;
alter table issued_key add column age_reminded_at timestamptz;
alter table issued_key add column overdue_told_at timestamptz;
