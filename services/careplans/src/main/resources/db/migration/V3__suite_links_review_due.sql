-- Referral and appointment events find the interventions they carry out; the review-due sweep
-- remembers which due date it has told, so each is told once.
create index intervention_referral on intervention (referral_id) where referral_id is not null;
create index intervention_appointment on intervention (appointment_id) where appointment_id is not null;
alter table care_plan add column review_due_told_on date;
create index care_plan_review_due on care_plan (next_review_on) where status = 'active';
