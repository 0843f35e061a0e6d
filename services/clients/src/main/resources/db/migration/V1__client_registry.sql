-- The client registry. Trusted extensions: the database owner may create them.
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

create table client (
    id                       uuid         primary key,
    given_name               varchar(100) not null,
    family_name              varchar(100) not null,
    preferred_name           varchar(100),
    birth_date               date,
    estimated_birth_year     integer,
    gender_identity          varchar(40),
    sex_at_birth             varchar(20),
    preferred_language       varchar(35),
    interpreter_needed       boolean      not null default false,
    preferred_contact_method varchar(20),
    safe_to_leave_messages   boolean      not null default false,
    address_line             varchar(200),
    address_city             varchar(100),
    address_region           varchar(100),
    address_postal_code      varchar(20),
    registered_by_agency     varchar(255) not null,
    created_at               timestamptz  not null,
    updated_at               timestamptz  not null,
    version                  integer      not null,
    -- Normalised names for search, in both orders so that transposed names match too.
    search_name              text generated always as (lower(given_name || ' ' || family_name)) stored,
    search_name_reversed     text generated always as (lower(family_name || ' ' || given_name)) stored,
    family_metaphone         text generated always as (dmetaphone(family_name)) stored
);

create index client_search_name_trgm on client using gin (search_name gin_trgm_ops);
create index client_search_name_reversed_trgm on client using gin (search_name_reversed gin_trgm_ops);
create index client_family_metaphone on client (family_metaphone, birth_date);
create index client_birth_date on client (birth_date);

create table client_contact_point (
    client_id  uuid         not null references client (id) on delete cascade,
    position   integer      not null,
    system     varchar(10)  not null,
    value      varchar(254) not null,
    use        varchar(10),
    -- Digits only for phones, lower case for e-mail: what matching compares.
    normalized varchar(254) not null,
    primary key (client_id, position)
);

create index client_contact_point_normalized on client_contact_point (system, normalized);

create table client_identifier (
    client_id uuid         not null references client (id) on delete cascade,
    position  integer      not null,
    type      varchar(40)  not null,
    issuer    varchar(100) not null,
    value     varchar(64)  not null,
    primary key (client_id, position),
    unique (type, issuer, value)
);

-- Which agencies may see a client, and why: registered it, serves it in a case, or was granted
-- access through a consent and a referral. Every read of client data joins through this table.
create table client_access (
    client_id  uuid         not null references client (id) on delete cascade,
    agency_id  varchar(255) not null,
    reason     varchar(20)  not null,
    granted_at timestamptz  not null,
    primary key (client_id, agency_id, reason)
);

create index client_access_agency on client_access (agency_id, client_id);
