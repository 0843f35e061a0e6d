-- A case's referrals (the gateway's case overview lists the open ones of one case)
create index referral_case on referral (case_id, updated_at desc);
