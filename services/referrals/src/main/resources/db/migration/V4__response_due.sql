-- When the receiving agency's answer (accept or reject) is due, by the referral's urgency, and when
-- the referral was escalated for want of one: set in the same transaction as the escalation event,
-- so it is told once, whatever restarts in between.
alter table referral add column respond_by timestamptz;
alter table referral add column escalated_at timestamptz;
create index referral_answer_due on referral (respond_by)
    where escalated_at is null and status in ('requested', 'received');
