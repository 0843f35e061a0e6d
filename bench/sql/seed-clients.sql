-- bench/sql/seed-clients.sql — tops the bench's clients up to :target, visible to riverbend-hospital.
-- Run by bench/run with psql -v from=<first missing number> -v target=<100000>; DEV DATABASE ONLY.
--
-- The same data as ClientRegistryBenchmark.seed() (syllable names, so a typo matches a handful of
-- clients, not thousands; birth dates spread over 25,000 days; a 'registered' access row each),
-- with one difference: every seeded row carries address_region = 'cairn-bench-seed', the marker
-- by which bench/run counts them (and by which they can be deleted). Nothing else is touched, so
-- dev/demo-data's clients stay as they are. Row g gets the same name on every machine.
\set ON_ERROR_STOP on
begin;
with syl as (select array['ka','lo','mi','ne','ra','sa','to','vi','za','de','fi','gu','ha','jo','ku','le',
                          'mo','na','pe','ri','su','ta','ul','ve','wi','ya','zo','bre','cha','dri','fla',
                          'gro','kla','mar','nor','pri','sto','tru','vel','wen','xan','yor','zel','ash',
                          'ben','cor','dan','eli','fen','gar'] a),
seeded as (
    insert into client (id, given_name, family_name, birth_date, interpreter_needed, safe_to_leave_messages,
                        address_region, registered_by_agency, created_at, updated_at, version)
    select gen_random_uuid(),
           initcap(a[1 + (g * 7) % 50] || a[1 + (g * 31 / 7) % 50]),
           initcap(a[1 + (g * 13) % 50] || a[1 + (g / 50) % 50] || a[1 + (g * 3 / 11) % 50]),
           date '1940-01-01' + (g % 25000), false, false,
           'cairn-bench-seed', 'riverbend-hospital', now(), now(), 0
    from generate_series(:from, :target) g, syl
    returning id, registered_by_agency)
insert into client_access (client_id, agency_id, reason, granted_at)
select id, registered_by_agency, 'registered', now() from seeded
on conflict do nothing;
commit;
analyze client;
analyze client_access;
