-- The clients service's consents as a consuming service knows them from its events
-- (ConsentDirectory). Opted into by services that list db/cairn-consents in
-- quarkus.flyway.locations. "if not exists": the assessments service created the table in its V1
-- before it was shared; the purpose came with sharing it (null where an older event was applied).
create table if not exists consent_projection (
    consent_id          uuid        primary key,
    client_id           uuid        not null,
    recipient_agency_id text,       -- null: the whole network
    categories          text[]      not null,
    effective_from      date        not null,
    effective_to        date,
    status              text        not null check (status in ('active', 'revoked', 'expired')),
    updated_at          timestamptz not null
);
create index if not exists consent_projection_client on consent_projection (client_id) where status = 'active';
alter table consent_projection add column if not exists purpose text;
