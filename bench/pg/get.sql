-- bench/pg/get.sql — pgbench script: the select of one GET /clients/{id} as the clients service sends
-- it (captured with quarkus.hibernate-orm.log.sql at 8128cd0): the client with both collections and
-- the number of its identity links, if the agency may see it, in one statement. Reads the service's
-- own tables (the seeded clients). Run with -M prepared, -D seeded=<number of seeded clients> and
-- -D agency=riverbend-hospital.
-- KEEP IN STEP with ClientRegistry.VISIBLE_CLIENT.
--
-- Not in it: the read's audit record, which the service commits in batches shared by concurrent
-- reads (GroupCommit, on its own 4-connection pool), something a pgbench client cannot reproduce.
-- One extra round trip the service does not make: the first statement picks a seeded client.
\set i random(1, :seeded)
select id as cid from cairn_bench.seed_ids where n = :i \gset
select c1_0.id, c1_0.address_city, c1_0.address_line, c1_0.address_postal_code, c1_0.address_region, c1_0.birth_date,
       cp1_0.client_id, cp1_0.position, cp1_0.normalized, cp1_0.system, cp1_0.use, cp1_0.value,
       c1_0.created_at, c1_0.estimated_birth_year, c1_0.family_name, c1_0.gender_identity, c1_0.given_name,
       i1_0.client_id, i1_0.position, i1_0.issuer, i1_0.type, i1_0.value,
       c1_0.interpreter_needed, c1_0.preferred_contact_method, c1_0.preferred_language, c1_0.preferred_name,
       c1_0.registered_by_agency, c1_0.safe_to_leave_messages, c1_0.sex_at_birth, c1_0.updated_at, c1_0.version,
       (select count(*) from public.identity_link il1_0
        where il1_0.unlinked_at is null and (il1_0.client_id = c1_0.id or il1_0.other_client_id = c1_0.id))
from public.client c1_0
left join public.client_contact_point cp1_0 on c1_0.id = cp1_0.client_id
left join public.client_identifier i1_0 on c1_0.id = i1_0.client_id
where c1_0.id = :cid::uuid
  and exists (select 1 from public.client_access ca1_0
              where ca1_0.client_id = c1_0.id and ca1_0.agency_id = :agency);
