-- The client application (the web or mobile app, ...) the actor's token was issued to; absent for
-- records stored before it was recorded, and for a service's own work.
alter table audit_record add column client_application text;
-- Every record of one request, across services: what an incident review starts from.
create index audit_record_request on audit_record (request_id) where request_id is not null;
