-- Appointments of an agency with one client (of one of its cases, or none yet), held in person, by
-- phone or by video. Times are kept as instants with the zone they were booked in, so the local time
-- the people agreed on is what is shown and recurrence keeps it across daylight-saving changes.
-- An appointment is at most 12 hours long, which bounds every overlap search by start time.
create table appointment (
    id                uuid        primary key,
    agency_id         text        not null,
    client_id         uuid        not null,
    case_id           uuid,
    client_initials   text        check (client_initials ~ '^[A-Z]{1,3}$'),
    organizer_id      text        not null,
    kind              text        not null,
    mode              text        not null check (mode in ('in-person', 'phone', 'video')),
    location          text,
    video_url         text,
    starts_at         timestamptz not null,
    ends_at           timestamptz not null,
    time_zone         text        not null,
    status            text        not null,
    status_reason     text,
    notes             text,
    series_id         uuid,
    rescheduled_from  uuid        references appointment (id),
    rescheduled_to    uuid        references appointment (id),
    conflict_override text,
    -- what proposed it, when the suite did (a plan's review, an accepted referral): proposed once
    proposed_for      text        unique,
    created_by        text        not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           integer     not null default 0,
    check (ends_at > starts_at),
    check (ends_at - starts_at <= interval '12 hours')
);
create index appointment_agency on appointment (agency_id, starts_at);
create index appointment_client on appointment (client_id, starts_at);
create index appointment_case on appointment (case_id, starts_at) where case_id is not null;
create index appointment_in_series on appointment (series_id) where series_id is not null;

-- Who takes part, besides the client: the organizer and other staff, providers of other agencies,
-- interpreters. Each row repeats its appointment's times and whether it holds the participant's
-- time (booked or checked in), so a participant's busy times are one index range.
create table appointment_participant (
    appointment_id uuid        not null references appointment (id),
    user_id        text        not null,
    agency_id      text        not null,
    role           text        not null check (role in ('staff', 'provider', 'interpreter')),
    starts_at      timestamptz not null,
    ends_at        timestamptz not null,
    busy           boolean     not null,
    primary key (appointment_id, user_id)
);
create index appointment_participant_busy on appointment_participant (user_id, starts_at) where busy;
create index appointment_participant_user on appointment_participant (user_id, starts_at);

-- Every status an appointment went through: who, when, why.
create table appointment_status_change (
    id             uuid        primary key,
    appointment_id uuid        not null references appointment (id),
    from_status    text,
    to_status      text        not null,
    reason         text,
    changed_by     text        not null,
    changed_at     timestamptz not null
);
create index appointment_status_change_appointment on appointment_status_change (appointment_id, changed_at);

-- A recurring follow-up: the rule (RFC 5545) and the local start it counts from; its occurrences
-- are appointments of their own (series_id), so one of them can be moved or cancelled alone.
create table appointment_series (
    id          uuid        primary key,
    agency_id   text        not null,
    rrule       text        not null,
    first_start timestamp   not null,
    time_zone   text        not null,
    created_by  text        not null,
    created_at  timestamptz not null
);

-- Reminders: due at a fixed offset before the start; told once (sent_at), or dropped when the
-- appointment is cancelled or moved (cancelled_at). The due time lives here, so restarts lose none.
create table reminder (
    id             uuid        primary key,
    appointment_id uuid        not null references appointment (id),
    recipient      text        not null check (recipient in ('client', 'staff')),
    before_minutes integer     not null check (before_minutes between 0 and 43200),
    due_at         timestamptz not null,
    sent_at        timestamptz,
    cancelled_at   timestamptz
);
create index reminder_due on reminder (due_at) where sent_at is null and cancelled_at is null;
create index reminder_appointment on reminder (appointment_id);

-- A staff member's working hours, per ISO weekday (1 = Monday), in their time zone.
create table working_hours (
    user_id   text     not null,
    agency_id text     not null,
    weekday   smallint not null check (weekday between 1 and 7),
    starts    time     not null,
    ends      time     not null,
    time_zone text     not null,
    primary key (user_id, weekday, starts),
    check (ends > starts)
);

create table time_off (
    id         uuid        primary key,
    user_id    text        not null,
    agency_id  text        not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    reason     text,
    created_at timestamptz not null,
    check (ends_at > starts_at)
);
create index time_off_user on time_off (user_id, starts_at);

-- A staff member's calendar feed: the SHA-256 of its secret token (the token itself is shown once).
create table calendar_feed (
    user_id    text        primary key,
    agency_id  text        not null,
    token_hash text        not null unique,
    created_at timestamptz not null
);

-- Cases flagged for outreach after repeated no-shows.
create table outreach_flag (
    id         uuid        primary key,
    case_id    uuid        not null,
    client_id  uuid        not null,
    agency_id  text        not null,
    no_shows   integer     not null,
    since      timestamptz not null,
    flagged_at timestamptz not null
);
create index outreach_flag_case on outreach_flag (case_id, flagged_at);
create index outreach_flag_agency on outreach_flag (agency_id, flagged_at desc);
