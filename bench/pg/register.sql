-- bench/pg/register.sql — pgbench script: the database work of one POST /clients (duplicate check
-- included, as bench/run clients-register sends it), statement by statement as the clients service
-- sends it (captured with quarkus.hibernate-orm.log.sql at 8128cd0): the duplicate check
-- (DuplicateFinder.CANDIDATES, on its own), then one transaction with the event, the audit record,
-- then Hibernate's flush of the client, its access row and its phone number.
-- Writes the copies in schema cairn_bench (see setup.sql). Run with -M prepared, as the service's
-- reactive client prepares every statement. KEEP IN STEP with ClientRegistry.persist, Outbox and
-- DuplicateFinder.CANDIDATES.
--
-- One extra round trip the service does not make: the first statement picks the new client's id,
-- a syllable name like the seeded ones, a birth date and a phone number.
\set s1 random(1, 50)
\set s2 random(1, 50)
\set s3 random(1, 50)
\set s4 random(1, 50)
\set s5 random(1, 50)
\set d random(0, 24999)
\set ph random(1000000000, 9999999999)
with syl as (select array['ka','lo','mi','ne','ra','sa','to','vi','za','de','fi','gu','ha','jo','ku','le',
                          'mo','na','pe','ri','su','ta','ul','ve','wi','ya','zo','bre','cha','dri','fla',
                          'gro','kla','mar','nor','pri','sto','tru','vel','wen','xan','yor','zel','ash',
                          'ben','cor','dan','eli','fen','gar'] a)
select gen_random_uuid() as cid,
       initcap(a[:s1::integer] || a[:s2::integer]) as given,
       initcap(a[:s3::integer] || a[:s4::integer] || a[:s5::integer]) as family,
       date '1940-01-01' + :d::integer as birth, '+1 ' || :ph::bigint as phone, '1' || :ph::bigint as phone_normalized
from syl \gset
with wanted (type, issuer, value) as (select * from unnest('{}'::text[], '{}'::text[], '{}'::text[])),
hits as (
    select id from cairn_bench.client where birth_date = :birth::date
    union select id from cairn_bench.client
          where search_name = lower(:given::text || ' ' || :family::text)
             or search_name = lower(:family::text || ' ' || :given::text)
    union select i.client_id from cairn_bench.client_identifier i
          join wanted w on i.type = w.type and i.issuer = w.issuer and i.value = w.value
    union select p.client_id from cairn_bench.client_contact_point p
          where p.system in ('phone', 'sms') and p.normalized = any(array[:phone_normalized::text]))
select c.id, c.given_name, c.family_name, c.preferred_name, c.birth_date, c.estimated_birth_year,
       (exists (select 1 from cairn_bench.client_access a where a.client_id = c.id and a.agency_id = 'riverbend-hospital')
        or exists (select 1 from public.consent k where k.client_id = c.id and k.revoked_at is null
                   and (k.recipient_agency_id is null or k.recipient_agency_id = 'riverbend-hospital')
                   and k.effective_from <= current_date
                   and (k.effective_to is null or k.effective_to >= current_date))) as visible,
       c.family_metaphone = dmetaphone(:family::text) as sounds_alike,
       exists (select 1 from cairn_bench.client_identifier i join wanted w
               on i.type = w.type and i.issuer = w.issuer and i.value = w.value
               where i.client_id = c.id) as same_identifier,
       exists (select 1 from cairn_bench.client_contact_point p
               where p.client_id = c.id and p.system in ('phone', 'sms')
                 and p.normalized = any(array[:phone_normalized::text])) as same_phone
from cairn_bench.client c join hits h on h.id = c.id
order by similarity(c.search_name, lower(:given::text || ' ' || :family::text)) desc
limit 50;
begin;
insert into cairn_bench.outbox_event (id, aggregatetype, aggregateid, type, topic, source, agencyid, timestamp, payload)
values (gen_random_uuid(), 'client', :cid::text, 'cairn.client.registered.v1', 'cairn.clients.events', '/cairn/clients',
        'riverbend-hospital', now(),
        cast(cast(json_build_object('clientId', :cid::text, 'agencyId', 'riverbend-hospital',
                                    'registeredAt', now()) as text) as jsonb));
insert into cairn_bench.outbox_event (id, aggregatetype, aggregateid, type, topic, source, agencyid, timestamp, payload)
values (gen_random_uuid(), 'client', :cid::text, 'cairn.audit.recorded.v1', 'cairn.audit.events', '/cairn/clients',
        'riverbend-hospital', now(),
        cast(cast(json_build_object('at', now(), 'service', 'clients', 'agencyId', 'riverbend-hospital',
             'actor', json_build_object('userId', '5bacbde4-7ce3-4225-897e-6d2ffcb83369',
                                        'username', 'hospital.case-manager', 'roles', json_build_array('case-manager')),
             'action', 'created', 'resourceType', 'client', 'resourceId', :cid::text, 'clientId', :cid::text,
             'requestId', gen_random_uuid()) as text) as jsonb));
insert into cairn_bench.client (address_city, address_line, address_postal_code, address_region, birth_date, created_at,
                                estimated_birth_year, family_name, gender_identity, given_name, interpreter_needed,
                                preferred_contact_method, preferred_language, preferred_name, registered_by_agency,
                                safe_to_leave_messages, sex_at_birth, updated_at, version, id)
values (null, null, null, null, :birth::date, now(), null, :family::text, null, :given::text, false, null, null, null,
        'riverbend-hospital', false, null, now(), 0, :cid::uuid);
insert into cairn_bench.client_access (granted_at, agency_id, client_id, reason)
values (now(), 'riverbend-hospital', :cid::uuid, 'registered');
insert into cairn_bench.client_contact_point (client_id, position, normalized, system, use, value)
values (:cid::uuid, 0, :phone_normalized::text, 'phone', null, :phone::text);
commit;
