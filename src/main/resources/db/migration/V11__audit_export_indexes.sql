-- /lightsail-audit's filters (AuditTrail), for its answer on Slack's acknowledgement path and for the export.
-- A person's events: what they did (this index), or events of their requests (access_request_by_requester, then
-- audit_event_by_request).
create index audit_event_by_actor on audit_event (actor, id);
-- since <duration>.
create index audit_event_by_time on audit_event (at);
-- An IAM user's events include those of the extensions of its grants.
create index access_request_by_extended_grant on access_request (extends_request_id)
    where extends_request_id is not null;
