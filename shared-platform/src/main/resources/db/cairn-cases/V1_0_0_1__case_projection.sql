-- The clients service's cases as a consuming service knows them from its events (CaseDirectory).
-- Opted into by services that list db/cairn-cases in quarkus.flyway.locations. Numbered 1.0.0.1, just
-- after a service's own V1, and "if not exists": the assessments service had created the same
-- table in its V1 before this was shared.
create table if not exists case_projection (
    case_id                 uuid        primary key,
    client_id               uuid        not null,
    agency_id               text        not null,
    program                 text        not null,
    status                  text        not null,
    primary_case_manager_id text,
    opened_on               date        not null,
    closed_on               date,
    updated_at              timestamptz not null
);
create index if not exists case_projection_client on case_projection (client_id);
create index if not exists case_projection_caseload on case_projection (agency_id, primary_case_manager_id)
    where status <> 'closed';
