-- Alerts raised on the trail: at most one per rule, user and hour.
create table audit_alert (
    id           uuid        primary key,
    rule         text        not null check (rule in ('many-clients', 'many-denials')),
    agency_id    text        not null,
    user_id      text        not null,
    window_start timestamptz not null,
    count        integer     not null,
    threshold    integer     not null,
    raised_at    timestamptz not null,
    unique (rule, user_id, window_start)
);
