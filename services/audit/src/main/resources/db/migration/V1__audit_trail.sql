-- The audit trail: append-only, one hash chain per agency. The service runs as ${writer}, which may
-- insert and read audit records and nothing else on them; this migration runs as the database's
-- owner. Everything else (the platform's outbox, inbox and idempotency tables, the case projection,
-- the chain heads) the writer may change as any service changes its own data.
grant select, insert, update, delete on all tables in schema public to ${writer};
grant usage, select on all sequences in schema public to ${writer};
alter default privileges in schema public grant select, insert, update, delete on tables to ${writer};
alter default privileges in schema public grant usage, select on sequences to ${writer};

create table audit_record (
    seq            bigserial   primary key,
    event_id       text        not null unique,
    chain          text        not null,
    chain_seq      bigint      not null,
    occurred_at    timestamptz not null,
    received_at    timestamptz not null,
    service        text        not null,
    agency_id      text        not null,
    actor_user_id  text        not null,
    actor_username text,
    actor_roles    text[]      not null,
    action         text        not null,
    outcome        text        not null check (outcome in ('allowed', 'denied')),
    resource_type  text        not null,
    resource_id    text,
    client_id      text,
    purpose        text,
    reason         text,
    request_id     text,
    prev_hash      text        not null,
    hash           text        not null,
    unique (chain, chain_seq)
);
create index audit_record_client on audit_record (client_id, occurred_at desc) where client_id is not null;
create index audit_record_user on audit_record (actor_user_id, occurred_at desc);
create index audit_record_agency on audit_record (agency_id, occurred_at desc);

-- the trail is only ever added to: not even the writer may change or remove a record
revoke update, delete, truncate on audit_record from ${writer};

-- the last record of each chain, which the next one hashes onto
create table audit_chain_head (
    chain     text   primary key,
    chain_seq bigint not null,
    hash      text   not null
);
