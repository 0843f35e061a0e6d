-- The receiving agency's box holds what was sent to it: referrals with the consent they were sent
-- under, whatever their status now (a draft cancelled unsent never reaches it).
drop index referral_received;
create index referral_received on referral (receiving_agency_id, updated_at desc) where consent_id is not null;
