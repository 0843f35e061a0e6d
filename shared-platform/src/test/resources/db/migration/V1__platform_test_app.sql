-- Tables of the test application only.
create table test_note (
    id         uuid         primary key,
    agency_id  varchar(255) not null,
    client_id  varchar(255) not null,
    reference  varchar(64),
    text       varchar(200) not null,
    created_at timestamptz  not null,
    unique (agency_id, reference)
);

-- One row per application of a note event: no unique key on purpose, so an event applied twice
-- would show up as two rows.
create table test_note_effect (
    applied_order bigserial    primary key,
    event_id      varchar(255) not null,
    client_id     varchar(255) not null,
    seq           integer      not null,
    applied_at    timestamptz  not null default clock_timestamp()
);
