-- The network's resource directory, in Open Referral HSDS 3 terms: organizations, their locations,
-- their services and where each is delivered. Each row keeps the HSDS object it was curated or
-- imported as (hsds), so export gives back what came in; the columns beside it are what search,
-- eligibility and referrals need, drawn from it by the service.
create table directory_organization (
    id         uuid        primary key,
    -- the network agency that runs this organization (HSDS organization_identifiers of type
    -- cairn-agency): its staff keep the capacity of its services and receive their referrals
    agency_id  text        unique,
    name       text        not null,
    hsds       jsonb       not null,
    updated_at timestamptz not null
);

create table directory_location (
    id              uuid        primary key,
    organization_id uuid        not null references directory_organization (id),
    name            text,
    latitude        float8      check (latitude between -90 and 90),
    longitude       float8      check (longitude between -180 and 180),
    hsds            jsonb       not null,
    updated_at      timestamptz not null
);
create index directory_location_point on directory_location (latitude, longitude) where latitude is not null;

create table directory_service (
    id                  uuid        primary key,
    organization_id     uuid        not null references directory_organization (id),
    name                text        not null,
    status              text        not null check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
    description         text,
    need_domains        text[]      not null default '{}',
    languages           text[]      not null default '{}',
    -- eligibility: null means no restriction of that kind
    minimum_age         numeric,
    maximum_age         numeric,
    genders             text[],
    service_areas       text[],
    income_limit_fpl    integer,
    insurance           text[],
    search_text         text        not null,
    search              tsvector    generated always as (to_tsvector('english', search_text)) stored,
    hsds                jsonb       not null,
    -- capacity, kept by the agency that runs the service
    capacity_available  integer     check (capacity_available >= 0),
    capacity_maximum    integer     check (capacity_maximum >= 0),
    capacity_waitlist   integer     check (capacity_waitlist >= 0),
    capacity_updated_at timestamptz,
    capacity_updated_by text,
    updated_at          timestamptz not null
);
create index directory_service_search on directory_service using gin (search);
create index directory_service_needs on directory_service using gin (need_domains);
create index directory_service_organization on directory_service (organization_id);

create table directory_service_at_location (
    id          uuid primary key,
    service_id  uuid not null references directory_service (id) on delete cascade,
    location_id uuid not null references directory_location (id),
    hsds        jsonb not null
);
create index directory_service_at_location_service on directory_service_at_location (service_id);

-- Weekly opening hours (HSDS schedules of freq WEEKLY with byday, opens_at and closes_at), one row
-- per day, in the network's time zone; what "open now" is decided on.
create table directory_opening (
    service_id  uuid     not null references directory_service (id) on delete cascade,
    location_id uuid,
    weekday     smallint not null check (weekday between 1 and 7),
    opens_at    time     not null,
    closes_at   time     not null
);
create index directory_opening_service on directory_opening (service_id, weekday);

-- A referral may be made to one service of the directory; an eligibility the client was warned
-- they fail, sent anyway, says why.
alter table referral add column service_id uuid references directory_service (id);
alter table referral add column service_name text;
alter table referral add column eligibility_override text;
create index referral_received_service on referral (receiving_agency_id, service_id, updated_at desc)
    where consent_id is not null and service_id is not null;
