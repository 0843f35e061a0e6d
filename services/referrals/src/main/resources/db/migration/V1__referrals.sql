-- Referrals: one client's case at the sending agency referred to a receiving agency for one need.
-- The packet is what the sender chose to send, item by item, each with its sensitivity category;
-- the consent it was sent under is the one the receiving agency's reading rests on.
create table referral (
    id                  uuid        primary key,
    client_id           uuid        not null,
    case_id             uuid        not null,
    sending_agency_id   text        not null,
    receiving_agency_id text        not null,
    need_domain         text        not null,
    urgency             text        not null check (urgency in ('routine', 'urgent', 'emergency')),
    reason              text        not null,
    packet              jsonb       not null,
    status              text        not null,
    consent_id          uuid,
    program             text,
    created_by          text        not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             integer     not null default 0,
    check (sending_agency_id <> receiving_agency_id)
);
create index referral_sent on referral (sending_agency_id, updated_at desc);
create index referral_received on referral (receiving_agency_id, updated_at desc) where status <> 'draft';
create index referral_client on referral (client_id);

-- Every move of a referral's task: who, when, from what to what, and why.
create table referral_status_change (
    id          uuid        primary key,
    referral_id uuid        not null references referral (id),
    from_status text,
    to_status   text        not null,
    agency_id   text        not null,
    changed_by  text        not null,
    reason      text,
    changed_at  timestamptz not null
);
create index referral_status_change_referral on referral_status_change (referral_id, changed_at);
