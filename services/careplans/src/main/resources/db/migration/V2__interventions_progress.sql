-- Interventions (tasks) under goals, and the progress entries recorded on a plan.
create table intervention (
    id             uuid        primary key,
    plan_id        uuid        not null references care_plan (id),
    goal_id        uuid        not null references goal (id),
    what           text        not null,
    responsible    text        not null check (responsible in ('case-manager', 'client', 'care-team-member', 'agency')),
    responsible_id text,
    due_date       date,
    status         text        not null check (status in ('planned', 'in-progress', 'done', 'cancelled')),
    status_reason  text,
    referral_id    text,
    appointment_id text,
    created_by     text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    check ((responsible = 'client') = (responsible_id is null))
);
create index intervention_goal on intervention (goal_id);
create index intervention_plan on intervention (plan_id);

create table progress_entry (
    id                uuid        primary key,
    plan_id           uuid        not null references care_plan (id),
    goal_id           uuid        references goal (id),
    intervention_id   uuid        references intervention (id),
    entry_date        date        not null,
    author_id         text        not null,
    text              text        not null,
    measurement_value numeric,
    measurement_label text,
    created_at        timestamptz not null,
    check ((measurement_value is null) = (measurement_label is null))
);
create index progress_entry_plan on progress_entry (plan_id, entry_date);
