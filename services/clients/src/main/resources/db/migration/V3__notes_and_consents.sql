-- Case notes are append-only: an amendment is a new row pointing at the version it amends, and the
-- amended row is never changed; the history stays readable.
create table case_note (
    id            uuid          primary key,
    case_id       uuid          not null references care_case (id),
    client_id     uuid          not null references client (id),
    agency_id     varchar(255)  not null,
    note_type     varchar(20)   not null,
    contact_date  date          not null,
    author_id     varchar(255)  not null,
    author_name   varchar(255),
    text          varchar(20000) not null,
    sensitivity   varchar(30)   not null,
    version       integer       not null,
    amends_id     uuid          references case_note (id),
    created_at    timestamptz   not null
);

create index case_note_case on case_note (case_id, created_at);
create index case_note_client on case_note (client_id, created_at);
-- A version is amended at most once, so each note's history is a single line.
create unique index case_note_amended_once on case_note (amends_id) where amends_id is not null;

create table consent (
    id                  uuid         primary key,
    client_id           uuid         not null references client (id),
    recorded_by_agency  varchar(255) not null,
    grantor_type        varchar(20)  not null,
    guardian_client_id  uuid         references client (id),
    recipient_agency_id varchar(255),
    purpose             varchar(30)  not null,
    categories          varchar(200) not null,
    effective_from      date         not null,
    effective_to        date,
    evidence_type       varchar(30)  not null,
    evidence_reference  varchar(200),
    witness             varchar(200),
    revoked_at          timestamptz,
    revoked_by          varchar(255),
    revocation_reason   varchar(500),
    expiry_announced    boolean      not null default false,
    created_at          timestamptz  not null,
    check (effective_to is null or effective_to >= effective_from)
);

create index consent_client on consent (client_id);
create index consent_expiring on consent (effective_to) where revoked_at is null and not expiry_announced;
