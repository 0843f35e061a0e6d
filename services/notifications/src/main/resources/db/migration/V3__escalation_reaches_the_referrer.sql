-- An escalated referral is also news to the case manager who sent it (they may call the receiving
-- agency or refer elsewhere), not only to the supervisors of both agencies.
insert into notification_rule (agency_id, occasion, audience, channels, urgency, updated_by, updated_at) values
    ('*', 'referral-escalated', 'referring-case-manager', '{in-app,email}', 'urgent', 'default', now())
on conflict do nothing;
