-- bench/sql/seed-careplans.sql — the careplans service's bench data, in cairn_careplans.
-- Run by bench/run with psql -v plans=<200> -v manager=<user id of the bench user>; DEV DATABASE ONLY.
--
-- :plans active plans (topped up), each with 10 goals of 4 interventions, in hospital mental-health
-- cases managed by :manager, marked created_by = 'cairn-bench-seed' (cases: opened_on 2000-01-01,
-- so they are told apart from real ones). Progress entries written by careplans-progress land on them.
\set ON_ERROR_STOP on
begin;
create temporary table fresh as
select gen_random_uuid() plan_id, gen_random_uuid() case_id, gen_random_uuid() client_id
from generate_series(1, greatest(0, :plans - (select count(*) from care_plan where created_by = 'cairn-bench-seed')));

insert into case_projection (case_id, client_id, agency_id, program, status, primary_case_manager_id, opened_on, updated_at)
select case_id, client_id, 'riverbend-hospital', 'mental-health', 'active', :'manager', date '2000-01-01', now() from fresh;

insert into care_plan (id, case_id, client_id, agency_id, status, period_start, client_words, review_every_days,
                       next_review_on, version, created_by, created_at, updated_at)
select plan_id, case_id, client_id, 'riverbend-hospital', 'active', current_date - 30,
       'Bench plan: words of the client', 90, current_date + 60, 1, 'cairn-bench-seed', now(), now()
from fresh;

create temporary table fresh_goal as
select gen_random_uuid() goal_id, f.plan_id, g
from fresh f, generate_series(1, 10) g;

insert into goal (id, plan_id, need_domain, statement, target, target_date, priority, status, created_by, created_at, updated_at)
select goal_id, plan_id,
       (array['housing','food','transportation','utilities','employment','income','education',
              'health-care-access','behavioral-health','social-isolation'])[g],
       'Bench goal ' || g || ': a SMART statement of reasonable length for a care plan',
       'a measurable target', current_date + 90, 'medium', 'active', 'cairn-bench-seed', now(), now()
from fresh_goal;

insert into intervention (id, plan_id, goal_id, what, responsible, responsible_id, due_date, status, created_by,
                          created_at, updated_at)
select gen_random_uuid(), plan_id, goal_id, 'Bench task ' || k || ' of goal ' || g, 'case-manager', :'manager',
       current_date + 7 * k, 'planned', 'cairn-bench-seed', now(), now()
from fresh_goal, generate_series(1, 4) k;

insert into care_plan_version (plan_id, version, change, changed_by, changed_at, snapshot)
select plan_id, 1, 'bench seed', 'cairn-bench-seed', now(), '{}'::jsonb from fresh;
commit;
analyze care_plan;
analyze goal;
analyze intervention;
