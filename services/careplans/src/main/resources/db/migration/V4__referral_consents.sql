-- The consent behind each accepted referral (from cairn.referral.accepted.v1): an agency that took a
-- referral sees the plan's interventions assigned to it under that consent, and each such read is
-- a disclosure the audit trail accounts for.
create table referral_consent (
    referral_id         text primary key,
    receiving_agency_id text not null,
    consent_id          text not null
);
