-- Staff of the agencies, as their own tokens described them when they last used Cairn. Cases are
-- assigned only to staff of the case's agency found here.
create table staff_member (
    user_id      varchar(255) primary key,
    agency_id    varchar(255) not null,
    username     varchar(255),
    roles        varchar(255) not null,
    last_seen_at timestamptz  not null
);

create index staff_member_agency on staff_member (agency_id, username);

-- A case: one agency serving one client in one program (an episode of care).
create table care_case (
    id                      uuid         primary key,
    client_id               uuid         not null references client (id),
    agency_id               varchar(255) not null,
    program                 varchar(30)  not null,
    status                  varchar(20)  not null,
    opened_on               date         not null,
    opened_reason           varchar(500),
    closed_on               date,
    closed_reason           varchar(500),
    primary_case_manager_id varchar(255),
    priority                varchar(10)  not null,
    risk_level              varchar(10)  not null,
    crisis                  boolean      not null default false,
    crisis_reason           varchar(500),
    crisis_at               timestamptz,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    version                 integer      not null,
    check (closed_on is null or closed_on >= opened_on)
);

create index care_case_caseload on care_case (agency_id, primary_case_manager_id, status);
create index care_case_client on care_case (client_id, agency_id);
-- At most one open case per client, agency and program.
create unique index care_case_one_open on care_case (client_id, agency_id, program) where status <> 'closed';

create table care_case_team (
    case_id  uuid         not null references care_case (id) on delete cascade,
    position integer      not null,
    user_id  varchar(255) not null,
    role     varchar(30)  not null,
    primary key (case_id, position)
);
