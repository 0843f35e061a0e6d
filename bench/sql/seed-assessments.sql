-- bench/sql/seed-assessments.sql — the assessments service's bench data, in cairn_assessments.
-- Run by bench/run with psql -v history_clients=<1000> -v pending=<n>; DEV DATABASE ONLY.
--
-- Every row is marked (cases: primary_case_manager_id = 'cairn-bench'; assessments: started_by =
-- 'cairn-bench-seed') so bench/run can count and find them and they can be deleted; dev/demo-data's
-- rows are left alone. Cases are hospital mental-health cases of clients unknown to the clients
-- service: the assessments service keys by ids only, so nothing there needs them.
--   * :history_clients clients (topped up), each with one case and six completed PHQ-9s over the
--     past year, for assessments-history;
--   * :pending new in-progress PHQ-9s with all nine items answered, spread over 100 cases of their own
--     (primary_case_manager_id = 'cairn-bench-complete', so completing them never lengthens the
--     histories above), for assessments-complete; each run completes its own, so each run adds them.
\set ON_ERROR_STOP on
begin;
insert into case_projection (case_id, client_id, agency_id, program, status, primary_case_manager_id,
                             opened_on, updated_at)
select gen_random_uuid(), gen_random_uuid(), 'riverbend-hospital', 'mental-health', 'active', 'cairn-bench',
       current_date - 400, now()
from generate_series(1, greatest(0, :history_clients
                                    - (select count(*) from case_projection where primary_case_manager_id = 'cairn-bench')));

insert into case_projection (case_id, client_id, agency_id, program, status, primary_case_manager_id,
                             opened_on, updated_at)
select gen_random_uuid(), gen_random_uuid(), 'riverbend-hospital', 'mental-health', 'active', 'cairn-bench-complete',
       current_date - 400, now()
from generate_series(1, greatest(0, 100
                                    - (select count(*) from case_projection where primary_case_manager_id = 'cairn-bench-complete')));

-- Six completed PHQ-9s per case that has none yet, 60 days apart, with stored results like the
-- service's own (total, band; no risk, so no crisis events are expected from the seed).
with fresh as (
    select c.case_id, c.client_id from case_projection c
    where c.primary_case_manager_id = 'cairn-bench'
      and not exists (select 1 from assessment a where a.case_id = c.case_id)),
made as (
    select gen_random_uuid() id, f.case_id, f.client_id, k, (random() * 18)::int total,
           now() - ((6 - k) * 60 || ' days')::interval done_at
    from fresh f, generate_series(1, 6) k)
insert into assessment (id, agency_id, client_id, case_id, instrument_id, instrument_version, status, answers,
                        result, started_by, started_at, completed_by, completed_at, administered_at, original_id,
                        amendment, updated_at)
select id, 'riverbend-hospital', client_id, case_id, 'phq-9', '1', 'completed', '{}'::jsonb,
       jsonb_build_object('scales', jsonb_build_array(jsonb_build_object(
           'id', 'total', 'title', 'PHQ-9 total score', 'score', total, 'min', 0, 'max', 27, 'answered', 9,
           'items', 9, 'band', b.code, 'bandDisplay', b.display)),
           'risks', '[]'::jsonb, 'needs', '[]'::jsonb),
       'cairn-bench-seed', done_at, 'cairn-bench-seed', done_at, done_at, id, 0, done_at
from made
join (values (0, 4, 'minimal', 'Minimal depression'), (5, 9, 'mild', 'Mild depression'),
             (10, 14, 'moderate', 'Moderate depression'),
             (15, 19, 'moderately-severe', 'Moderately severe depression'),
             (20, 27, 'severe', 'Severe depression')) b(lo, hi, code, display)
  on total between b.lo and b.hi;

-- In-progress PHQ-9s for this run: items 1-8 answered at random, item 9 "not at all".
insert into assessment (id, agency_id, client_id, case_id, instrument_id, instrument_version, status, answers,
                        started_by, started_at, original_id, amendment, updated_at)
select id, 'riverbend-hospital', client_id, case_id, 'phq-9', '1', 'in-progress',
       (select jsonb_object_agg('phq9-' || i,
                                case when i = 9 then 'LA6568-5'
                                     else (array['LA6568-5','LA6569-3','LA6570-1','LA6571-9'])[1 + (random() * 3)::int + 0 * g]
                                end)
        from generate_series(1, 9) i),
       'cairn-bench-seed', now(), id, 0, now()
from (select gen_random_uuid() id, c.case_id, c.client_id, g
      from generate_series(1, :pending) g
      join lateral (select case_id, client_id from case_projection
                    where primary_case_manager_id = 'cairn-bench-complete'
                    order by case_id offset (g % 100) limit 1) c on true) p;
commit;
analyze case_projection;
analyze assessment;
