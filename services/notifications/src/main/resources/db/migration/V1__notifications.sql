-- Staff that notifications can reach: a row appears when a user first calls this service (their
-- agency, roles and email come from the token) or when an agency admin records them; each user keeps
-- their own channels, language, quiet hours and digest choice. Supervisors may be on call.
create table staff_member (
    user_id     text        primary key,
    agency_id   text        not null,
    username    text,
    roles       text[]      not null default '{}',
    email       text,
    phone       text,
    push_token  text,
    language    text        not null default 'en',
    time_zone   text,
    quiet_start time,
    quiet_end   time,
    digest      boolean     not null default false,
    on_call     boolean     not null default false,
    updated_at  timestamptz not null,
    check ((quiet_start is null) = (quiet_end is null))
);
create index staff_member_agency on staff_member (agency_id);

-- How a client may be reached, as an agency serving them recorded it with the client: the channels
-- the client agreed to be reminded on, the addresses for them, language and quiet hours. A client
-- for whom it is not safe to leave messages (a domestic-violence case, for one) gets no SMS or email.
create table client_contact (
    client_id       uuid        not null,
    agency_id       text        not null,
    language        text        not null default 'en',
    phone           text,
    email           text,
    push_token      text,
    reminder_channels text[]    not null default '{}',
    safe_to_contact boolean     not null default true,
    time_zone       text,
    quiet_start     time,
    quiet_end       time,
    updated_by      text        not null,
    updated_at      timestamptz not null,
    primary key (client_id, agency_id),
    check ((quiet_start is null) = (quiet_end is null))
);

-- Which occasion (crisis, referral-received, ...: the router names one per event) notifies whom,
-- on which channels, how urgently. Rows of agency '*' are the network's
-- defaults; an agency's own row for the same event and audience replaces the default for it.
create table notification_rule (
    agency_id  text        not null,
    occasion   text        not null,
    audience   text        not null,
    channels   text[]      not null,
    urgency    text        not null check (urgency in ('crisis', 'urgent', 'routine')),
    enabled    boolean     not null default true,
    updated_by text        not null,
    updated_at timestamptz not null,
    primary key (agency_id, occasion, audience)
);

-- One notification per source event and recipient (a staff member or a client): the unique key is
-- what makes the same event, delivered twice, notify nobody twice. The template's parameters hold no
-- client names; the in-app copy is the inbox item.
create table notification (
    id             uuid        primary key,
    event_id       text        not null,
    event_type     text        not null,
    agency_id      text        not null,
    client_id      uuid,
    case_id        uuid,
    recipient_kind text        not null check (recipient_kind in ('staff', 'client')),
    recipient_id   text        not null,
    urgency        text        not null check (urgency in ('crisis', 'urgent', 'routine')),
    occasion       text        not null,
    language       text        not null,
    params         jsonb       not null,
    in_app         boolean     not null,
    state          text        not null default 'unread' check (state in ('unread', 'read', 'archived')),
    created_at     timestamptz not null,
    event_time     timestamptz not null,
    read_at        timestamptz,
    unique (event_id, recipient_kind, recipient_id)
);
create index notification_inbox on notification (recipient_id, created_at desc) where in_app;
create index notification_agency on notification (agency_id, created_at desc);

-- Every attempt to deliver a notification on one channel: queued (due at due_at), sending (claimed
-- until due_at), sent, delivered, failed (retries ran out or the provider refused) or undeliverable
-- (no address, not safe to contact). Held for a digest, a row waits for the digest's hour.
create table delivery (
    id              uuid        primary key,
    notification_id uuid        not null references notification (id),
    agency_id       text        not null,
    channel         text        not null check (channel in ('in-app', 'email', 'sms', 'push')),
    address         text,
    status          text        not null
        check (status in ('queued', 'sending', 'sent', 'delivered', 'failed', 'undeliverable')),
    digest          boolean     not null default false,
    attempts        integer     not null default 0,
    due_at          timestamptz,
    provider_id     text,
    reason          text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (notification_id, channel)
);
create index delivery_due on delivery (due_at) where status in ('queued', 'sending');
create index delivery_provider on delivery (provider_id) where provider_id is not null;
create index delivery_agency on delivery (agency_id, created_at desc);

-- Wakes the live streams of every instance when an inbox item is committed (payload: user and item).
create function notification_announce() returns trigger language plpgsql as $$
begin
    if new.in_app and new.recipient_kind = 'staff' then
        perform pg_notify('cairn_inbox', new.recipient_id || ' ' || new.id::text);
    end if;
    return null;
end $$;
create trigger notification_announced after insert on notification
    for each row execute function notification_announce();
