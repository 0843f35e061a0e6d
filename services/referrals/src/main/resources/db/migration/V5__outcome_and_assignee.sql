-- How a referral ended (the coded reason of a rejection, or what became of it once accepted), kept
-- with the referral and with the move that recorded it; and who at the receiving agency works it.
alter table referral add column outcome text;
alter table referral add column assignee_user_id text;
alter table referral_status_change add column outcome text;
create index referral_sent_at on referral (sending_agency_id, created_at) where consent_id is not null;
create index referral_received_at on referral (receiving_agency_id, created_at) where consent_id is not null;
