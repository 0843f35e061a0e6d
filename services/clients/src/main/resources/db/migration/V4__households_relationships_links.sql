create table household (
    id                uuid         primary key,
    name              varchar(100) not null,
    created_by_agency varchar(255) not null,
    created_at        timestamptz  not null
);

create table household_member (
    household_id uuid        not null references household (id),
    client_id    uuid        not null references client (id),
    role         varchar(20) not null,
    joined_at    timestamptz not null,
    primary key (household_id, client_id)
);

create index household_member_client on household_member (client_id);

-- A typed relationship from one client to another ("from is parent of to"). The legal-guardian flag
-- is what lets a guardian grant consent for the client.
create table client_relationship (
    id                 uuid         primary key,
    from_client_id     uuid         not null references client (id),
    to_client_id       uuid         not null references client (id),
    type               varchar(20)  not null,
    legal_guardian     boolean      not null default false,
    recorded_by_agency varchar(255) not null,
    created_at         timestamptz  not null,
    ended_at           timestamptz,
    check (from_client_id <> to_client_id),
    check (not legal_guardian or type in ('parent-of', 'guardian-of'))
);

create index client_relationship_from on client_relationship (from_client_id);
create index client_relationship_to on client_relationship (to_client_id);

-- Two records of the same person, linked without merging: unlinking restores both exactly.
create table identity_link (
    id               uuid         primary key,
    client_id        uuid         not null references client (id),
    other_client_id  uuid         not null references client (id),
    linked_by_agency varchar(255) not null,
    linked_at        timestamptz  not null,
    unlinked_at      timestamptz,
    unlinked_by      varchar(255),
    check (client_id <> other_client_id)
);

create index identity_link_client on identity_link (client_id) where unlinked_at is null;
create index identity_link_other on identity_link (other_client_id) where unlinked_at is null;
