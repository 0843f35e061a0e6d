-- The network's default rules, shipped with the service. An agency replaces any of them for its own
-- people with a row of its own (PUT /rules/{occasion}/{audience}); a network admin changes these.
insert into notification_rule (agency_id, occasion, audience, channels, urgency, updated_by, updated_at) values
    ('*', 'crisis',               'case-manager',             '{in-app,email,sms,push}', 'crisis',  'default', now()),
    ('*', 'crisis',               'on-call-supervisors',      '{in-app,email,sms,push}', 'crisis',  'default', now()),
    ('*', 'referral-received',    'receiving-intake-workers', '{in-app,email}',          'routine', 'default', now()),
    ('*', 'referral-escalated',   'supervisors',              '{in-app,email}',          'urgent',  'default', now()),
    ('*', 'referral-escalated',   'receiving-supervisors',    '{in-app,email}',          'urgent',  'default', now()),
    ('*', 'referral-accepted',    'referring-case-manager',   '{in-app,email}',          'routine', 'default', now()),
    ('*', 'referral-rejected',    'referring-case-manager',   '{in-app,email}',          'routine', 'default', now()),
    ('*', 'referral-completed',   'referring-case-manager',   '{in-app,email}',          'routine', 'default', now()),
    ('*', 'care-plan-submitted',  'supervisors',              '{in-app,email}',          'routine', 'default', now()),
    ('*', 'care-plan-returned',   'case-manager',             '{in-app,email}',          'routine', 'default', now()),
    ('*', 'appointment-reminder', 'client',                   '{sms,email,push}',        'routine', 'default', now()),
    ('*', 'appointment-reminder', 'staff-participants',       '{in-app,push}',           'routine', 'default', now()),
    ('*', 'case-transferred',     'previous-case-manager',    '{in-app,email}',          'routine', 'default', now()),
    ('*', 'case-transferred',     'new-case-manager',         '{in-app,email}',          'routine', 'default', now()),
    ('*', 'outreach-flagged',     'case-manager',             '{in-app}',                'routine', 'default', now()),
    ('*', 'outreach-flagged',     'supervisors',              '{in-app}',                'routine', 'default', now()),
    ('*', 'audit-alert',          'supervisors',              '{in-app,email}',          'urgent',  'default', now());
