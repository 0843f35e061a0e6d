-- Instrument definitions: one row per published version, never updated (a trigger refuses it).
create table instrument (
    instrument_id       text        not null,
    version             text        not null,
    title               text        not null,
    sensitivity         text        not null,
    definition          jsonb       not null,
    published_at        timestamptz not null,
    published_by        text        not null,
    -- the agency of the network-admin who published it; null for the definitions Cairn ships
    publisher_agency_id text,
    primary key (instrument_id, version)
);

create function instrument_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'published instrument versions are immutable';
end $$;

create trigger instrument_immutable before update or delete on instrument
    for each row execute function instrument_immutable();

-- What this service knows of the clients service's cases, from its events.
create table case_projection (
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
create index case_projection_client on case_projection (client_id);
create index case_projection_caseload on case_projection (agency_id, primary_case_manager_id) where status <> 'closed';

-- Consents, from the clients service's events: what another agency may read.
create table consent_projection (
    consent_id          uuid        primary key,
    client_id           uuid        not null,
    recipient_agency_id text,       -- null: the whole network
    categories          text[]      not null,
    effective_from      date        not null,
    effective_to        date,
    status              text        not null check (status in ('active', 'revoked', 'expired')),
    updated_at          timestamptz not null
);
create index consent_projection_client on consent_projection (client_id) where status = 'active';

create table assessment (
    id                 uuid        primary key,
    agency_id          text        not null,
    client_id          uuid        not null,
    case_id            uuid        not null,
    instrument_id      text        not null,
    instrument_version text        not null,
    status             text        not null check (status in ('in-progress', 'completed', 'amended')),
    answers            jsonb       not null default '{}',
    result             jsonb,
    started_by         text        not null,
    started_at         timestamptz not null,
    completed_by       text,
    completed_at       timestamptz,
    -- when the client gave the answers: the first version's completion; an amendment keeps it
    administered_at    timestamptz,
    -- the first version of this assessment; every amendment of it carries the same
    original_id        uuid        not null,
    amends_id          uuid        references assessment (id),
    amendment_reason   text,
    amendment          integer     not null default 0,
    updated_at         timestamptz not null,
    foreign key (instrument_id, instrument_version) references instrument (instrument_id, version),
    check ((status = 'in-progress') = (completed_at is null)),
    check ((completed_at is null) = (administered_at is null)),
    check ((amends_id is null) = (amendment = 0))
);
-- one correction per version: amending an amended version again is refused, the latest is amended
create unique index assessment_one_amendment on assessment (amends_id) where amends_id is not null;
create index assessment_client_history on assessment (client_id, instrument_id, administered_at) where status = 'completed';
create index assessment_versions on assessment (original_id, amendment);
create index assessment_case on assessment (case_id, instrument_id, completed_at);

-- How often an instrument is due again in a program's cases.
create table reassessment_schedule (
    instrument_id text    not null,
    program       text    not null,
    interval_days integer not null check (interval_days between 1 and 3660),
    primary key (instrument_id, program)
);

insert into reassessment_schedule (instrument_id, program, interval_days) values
    ('phq-9', 'mental-health', 90),
    ('gad-7', 'mental-health', 90),
    ('cssrs-screener', 'mental-health', 30),
    ('ahc-hrsn', 'medical', 365),
    ('ahc-hrsn', 'geriatric', 365),
    ('ahc-hrsn', 'child-family', 365),
    ('ssm', 'vocational-rehab', 180),
    ('ssm', 'child-family', 180);
