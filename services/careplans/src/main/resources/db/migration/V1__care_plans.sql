-- A care plan per case, its goals and their suggestions from assessments. Every change of a plan's
-- content bumps its version and stores a snapshot (care_plan_version), so each version stays readable.
create table care_plan (
    id                uuid        primary key,
    case_id           uuid        not null,
    client_id         uuid        not null,
    agency_id         text        not null,
    status            text        not null check (status in
                          ('draft', 'submitted', 'active', 'under-review', 'completed', 'cancelled')),
    period_start      date        not null,
    period_end        date,
    client_words      text,
    review_every_days integer     not null check (review_every_days between 7 and 366),
    next_review_on    date,
    version           integer     not null,
    created_by        text        not null,
    created_at        timestamptz not null,
    submitted_by      text,
    submitted_at      timestamptz,
    decided_by        text,
    decided_at        timestamptz,
    return_comment    text,
    updated_at        timestamptz not null,
    check (period_end is null or period_end >= period_start)
);
-- one plan in force (or on its way) per case; completed and cancelled ones are history
create unique index care_plan_one_open on care_plan (case_id) where status not in ('completed', 'cancelled');
create index care_plan_agency_status on care_plan (agency_id, status);

create table goal (
    id            uuid        primary key,
    plan_id       uuid        not null references care_plan (id),
    need_domain   text        not null,
    statement     text        not null,
    target        text        not null,
    target_date   date,
    priority      text        not null check (priority in ('low', 'medium', 'high')),
    status        text        not null check (status in
                      ('proposed', 'active', 'achieved', 'partially-achieved', 'not-achieved', 'cancelled')),
    status_reason text,
    suggestion_id uuid,
    created_by    text        not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index goal_plan on goal (plan_id);

create table care_plan_version (
    plan_id    uuid        not null references care_plan (id),
    version    integer     not null,
    change     text        not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    snapshot   jsonb       not null,
    primary key (plan_id, version)
);

-- Goals an assessment's identified needs suggest for a case; the case manager accepts or dismisses.
create table goal_suggestion (
    id            uuid        primary key,
    case_id       uuid        not null,
    client_id     uuid        not null,
    agency_id     text        not null,
    need_domain   text        not null,
    assessment_id text        not null,
    instrument_id text        not null,
    status        text        not null check (status in ('open', 'accepted', 'dismissed')),
    decided_by    text,
    decided_at    timestamptz,
    created_at    timestamptz not null
);
-- at most one open suggestion per case and need, however many assessments identify it
create unique index goal_suggestion_one_open on goal_suggestion (case_id, need_domain) where status = 'open';
