-- bench/sql/seed-scheduling.sql — the scheduling service's bench data, in cairn_scheduling.
-- Run by bench/run with psql -v cases=<20000> -v manager=<user id of the bench user> -v monday=<YYYY-MM-DD>;
-- DEV DATABASE ONLY.
--
-- * 30 staff (bench-staff-1 … 30) working weekdays 9:00 to 17:00 in Chicago, each with five
--   appointments of 45 minutes on every weekday of the four weeks from :monday and one day off:
--   what a free-slot search of three of them walks through;
-- * :cases open hospital cases managed by :manager (topped up; opened_on 2000-01-01 tells them
--   apart): the clients the booking scenario books for.
\set ON_ERROR_STOP on
begin;
delete from working_hours where user_id like 'bench-staff-%';
insert into working_hours (user_id, agency_id, weekday, starts, ends, time_zone)
select 'bench-staff-' || s, 'riverbend-hospital', d, time '09:00', time '17:00', 'America/Chicago'
from generate_series(1, 30) s, generate_series(1, 5) d;

delete from time_off where user_id like 'bench-staff-%';
insert into time_off (id, user_id, agency_id, starts_at, ends_at, reason, created_at)
select gen_random_uuid(), 'bench-staff-' || s, 'riverbend-hospital',
       ((date :'monday' + (s % 20) + (s % 20) / 5 * 2) + time '00:00') at time zone 'America/Chicago',
       ((date :'monday' + (s % 20) + (s % 20) / 5 * 2 + 1) + time '00:00') at time zone 'America/Chicago',
       'bench day off', now()
from generate_series(1, 30) s;

create temporary table busy as
select gen_random_uuid() id, 'bench-staff-' || s staff,
       ((date :'monday' + d) + slot) at time zone 'America/Chicago' starts_at
from generate_series(1, 30) s, generate_series(0, 27) d,
     unnest(array[time '09:00', time '10:30', time '12:15', time '14:00', time '15:45']) slot
where extract(isodow from date :'monday' + d) < 6
  and not exists (select 1 from appointment_participant p where p.user_id = 'bench-staff-' || s
                  and p.starts_at = ((date :'monday' + d) + slot) at time zone 'America/Chicago');
insert into appointment (id, agency_id, client_id, organizer_id, kind, mode, starts_at, ends_at, time_zone, status,
                         created_by, created_at, updated_at)
select id, 'riverbend-hospital', gen_random_uuid(), staff, 'follow-up', 'phone', starts_at,
       starts_at + interval '45 minutes', 'America/Chicago', 'booked', 'bench', now(), now()
from busy;
insert into appointment_participant (appointment_id, user_id, agency_id, role, starts_at, ends_at, busy)
select id, staff, 'riverbend-hospital', 'staff', starts_at, starts_at + interval '45 minutes', true from busy;

create temporary table fresh as
select gen_random_uuid() case_id, gen_random_uuid() client_id
from generate_series(1, greatest(0, :cases - (select count(*) from case_projection
                                              where opened_on = date '2000-01-01' and agency_id = 'riverbend-hospital')));
insert into case_projection (case_id, client_id, agency_id, program, status, primary_case_manager_id, opened_on, updated_at)
select case_id, client_id, 'riverbend-hospital', 'medical', 'active', :'manager', date '2000-01-01', now() from fresh;
commit;
analyze appointment;
analyze appointment_participant;
analyze case_projection;
