-- Who has opened the app's Home tab. Only they get it published again after a change (views.publish for people
-- who never look at the tab would spend Slack's rate limit for nothing). is_admin is what the last publish found,
-- so that a change reaches the Home tabs that show the admins' lists.
create table home_viewer (
    user_id    text        primary key,
    is_admin   boolean     not null default false,
    opened_at  timestamptz not null
);
create index home_viewer_admins on home_viewer (user_id) where is_admin;
