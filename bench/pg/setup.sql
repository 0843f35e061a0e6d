-- bench/pg/setup.sql — the pg-baseline's own tables, in schema cairn_bench of the clients database.
-- Run by bench/run before every pg-baseline (idempotent, fast once done); DEV DATABASE ONLY.
--
-- The baseline writes what a registration writes, but into copies of the service's tables (same
-- columns, generated columns, indexes, foreign keys and outbox trigger), so that its rows never
-- reach the service, its outbox relay or Kafka. The copy of client starts with the same seeded
-- clients, so its indexes are as large as the service's. Reads (get by id) use the service's own
-- tables, which they do not change. When the service's tables change (a migration), the copies are
-- dropped and made again: a fingerprint of the originals' columns and indexes is kept in
-- cairn_bench.meta.
\set ON_ERROR_STOP on
set client_min_messages = warning;

select md5(string_agg(d, E'\n' order by d)) as fingerprint from (
    select format('%s.%s %s %s %s', table_name, column_name, data_type, coalesce(generation_expression, ''),
                  coalesce(column_default, '')) as d
    from information_schema.columns
    where table_schema = 'public'
      and table_name in ('client', 'client_contact_point', 'client_identifier', 'client_access', 'outbox_event')
    union all
    select indexdef from pg_indexes
    where schemaname = 'public'
      and tablename in ('client', 'client_contact_point', 'client_identifier', 'client_access', 'outbox_event')
) defs \gset

create schema if not exists cairn_bench;
create table if not exists cairn_bench.meta (fingerprint text not null);
select coalesce((select fingerprint from cairn_bench.meta limit 1), '') <> :'fingerprint' as rebuild \gset
\if :rebuild
  drop schema cairn_bench cascade;
  create schema cairn_bench;
  create table cairn_bench.meta (fingerprint text not null);

  create table cairn_bench.client (like public.client including all);
  create table cairn_bench.client_contact_point (like public.client_contact_point including all);
  create table cairn_bench.client_identifier (like public.client_identifier including all);
  create table cairn_bench.client_access (like public.client_access including all);
  create table cairn_bench.outbox_event (like public.outbox_event including all);
  -- LIKE copies seq's default, which would draw from the service's own sequence: give it its own.
  create sequence cairn_bench.outbox_event_seq owned by cairn_bench.outbox_event.seq;
  alter table cairn_bench.outbox_event alter column seq set default nextval('cairn_bench.outbox_event_seq');
  alter table cairn_bench.client_contact_point add foreign key (client_id)
      references cairn_bench.client (id) on delete cascade;
  alter table cairn_bench.client_identifier add foreign key (client_id)
      references cairn_bench.client (id) on delete cascade;
  alter table cairn_bench.client_access add foreign key (client_id)
      references cairn_bench.client (id) on delete cascade;

  create function cairn_bench.outbox_notify() returns trigger language plpgsql as $$
  begin
      perform pg_notify('cairn_bench_outbox', '');
      return null;
  end;
  $$;
  create trigger outbox_event_notify after insert on cairn_bench.outbox_event
      for each statement execute function cairn_bench.outbox_notify();

  -- The seeded clients by number, so that a pgbench script can pick one at random (get.sql).
  create table cairn_bench.seed_ids (n integer primary key, id uuid not null);
  insert into cairn_bench.meta (fingerprint) values (:'fingerprint');
\endif

-- (Re)fill when the service's seeded clients changed since the last copy.
select (select count(*) from public.client where address_region = 'cairn-bench-seed')
       <> (select count(*) from cairn_bench.seed_ids) as refill \gset
\if :refill
  begin;
  truncate cairn_bench.client, cairn_bench.client_contact_point, cairn_bench.client_identifier,
           cairn_bench.client_access, cairn_bench.outbox_event, cairn_bench.seed_ids;
  insert into cairn_bench.client (id, given_name, family_name, birth_date, interpreter_needed, safe_to_leave_messages,
                                  address_region, registered_by_agency, created_at, updated_at, version)
  select id, given_name, family_name, birth_date, interpreter_needed, safe_to_leave_messages,
         address_region, registered_by_agency, created_at, updated_at, version
  from public.client where address_region = 'cairn-bench-seed';
  insert into cairn_bench.client_access (client_id, agency_id, reason, granted_at)
  select client_id, agency_id, reason, granted_at from public.client_access a
  where exists (select 1 from cairn_bench.client c where c.id = a.client_id);
  insert into cairn_bench.seed_ids (n, id)
  select row_number() over (order by id), id from public.client where address_region = 'cairn-bench-seed';
  commit;
  analyze cairn_bench.client;
  analyze cairn_bench.client_access;
  analyze cairn_bench.seed_ids;
\endif
