-- Reveal once (LIGHTSAIL_CREDENTIAL_DELIVERY=reveal): the direct message offers a Show credentials button, and the
-- credentials are created when the requester clicks it. The grant stays 'provisioning' until then.
-- When the offer went out, and the DM that carries it (to take its button away later).
alter table access_request add column reveal_offered_at timestamptz;
alter table access_request add column offer_channel text;
alter table access_request add column offer_ts text;
-- A click is revealing the credentials (one at a time; a stale claim is free again).
alter table access_request add column reveal_claimed_at timestamptz;
-- The credentials were shown in a modal: a further click shows nothing and creates nothing.
alter table access_request add column revealed_at timestamptz;
