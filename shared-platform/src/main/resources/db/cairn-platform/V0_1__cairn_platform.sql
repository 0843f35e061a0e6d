-- Tables of the shared platform, in every service's database. Versions 0.x belong to the platform;
-- a service's own migrations start at V1.

-- Transactional outbox. Column names follow Debezium's outbox event router (id, aggregatetype,
-- aggregateid, type, timestamp, payload, tracingspancontext) so a deployment can replace the
-- in-process relay with Debezium CDC; the remaining columns are the relay's bookkeeping.
create table outbox_event (
    id                 uuid         primary key,
    seq                bigserial    not null unique,
    aggregatetype      varchar(255) not null,
    aggregateid        varchar(255) not null,
    type               varchar(255) not null,
    topic              varchar(255) not null,
    source             varchar(255) not null,
    agencyid           varchar(255) not null,
    timestamp          timestamptz  not null,
    payload            jsonb        not null,
    tracingspancontext varchar(512),
    sent_at            timestamptz,
    attempts           integer      not null default 0,
    next_attempt_at    timestamptz,
    last_error         varchar(500),
    -- Set when a row failed too often to go on trying; it no longer holds back its client's later events.
    parked_at          timestamptz
);

create index outbox_event_unsent on outbox_event (seq) where sent_at is null and parked_at is null;
create index outbox_event_unsent_by_aggregate on outbox_event (aggregateid, seq) where sent_at is null and parked_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Wakes the relay when a transaction that added events commits (NOTIFY is delivered on commit).
create function cairn_outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('cairn_outbox', '');
    return null;
end;
$$;

create trigger outbox_event_notify
    after insert on outbox_event
    for each statement execute function cairn_outbox_notify();

-- Idempotent consumer: one row per event a consumer has applied, written in the same transaction as
-- the event's effect. A redelivered event finds its row and is skipped.
create table inbox_event (
    consumer     varchar(200) not null,
    event_id     varchar(255) not null,
    event_type   varchar(255) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

create index inbox_event_processed_at on inbox_event (processed_at);

-- Idempotency-Key of POST requests: the first response is kept and replayed for a retry with the
-- same key and body, for the same user of the same agency.
create table idempotency_key (
    agency_id    varchar(255)  not null,
    user_id      varchar(255)  not null,
    idem_key     varchar(255)  not null,
    request_hash varchar(64)   not null,
    method       varchar(10)   not null,
    path         varchar(2000) not null,
    status       integer,
    body         text,
    location     varchar(2000),
    created_at   timestamptz   not null default now(),
    primary key (agency_id, user_id, idem_key)
);

create index idempotency_key_created_at on idempotency_key (created_at);
