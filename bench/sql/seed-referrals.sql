-- bench/sql/seed-referrals.sql — the referrals service's bench cases, in cairn_referrals.
-- Run by bench/run with psql -v cases=<2000> -v manager=<user id of the bench user>; DEV DATABASE ONLY.
--
-- :cases open hospital cases managed by :manager (topped up; opened_on 2000-01-01 tells them apart),
-- each client with an active consent to referrals of general information to the Northside CMHC:
-- what POST /referrals needs to send at once.
\set ON_ERROR_STOP on
begin;
create temporary table fresh as
select gen_random_uuid() case_id, gen_random_uuid() client_id
from generate_series(1, greatest(0, :cases - (select count(*) from case_projection
                                              where opened_on = date '2000-01-01' and agency_id = 'riverbend-hospital')));
insert into case_projection (case_id, client_id, agency_id, program, status, primary_case_manager_id, opened_on, updated_at)
select case_id, client_id, 'riverbend-hospital', 'medical', 'active', :'manager', date '2000-01-01', now() from fresh;
insert into consent_projection (consent_id, client_id, recipient_agency_id, categories, effective_from, status, updated_at, purpose)
select gen_random_uuid(), client_id, 'northside-cmhc', array['general'], current_date - 1, 'active', now(), 'referral' from fresh;
commit;
analyze case_projection;
analyze consent_projection;
