-- Audit records for the audit-query scenario: :records records (run as the database's owner) about
-- 10,000 clients, 100 each, on a chain of their own ('cairn-bench-seed', whose hashes are not a real
-- chain: it is there to be queried, not verified), spread over the last twelve days. Tops up to
-- :records; run again, it adds nothing.
insert into audit_record (event_id, chain, chain_seq, occurred_at, received_at, service, agency_id, actor_user_id,
                          actor_username, actor_roles, action, outcome, resource_type, resource_id, client_id,
                          purpose, reason, request_id, prev_hash, hash)
select 'bench-' || g, 'cairn-bench-seed', g, now() - make_interval(secs => g), now(), 'clients', 'cairn-bench-seed',
       'bench-user-' || (g % 500), 'bench', array['case-manager'], 'viewed', 'allowed', 'client',
       'bench-client-' || (g % 10000), 'bench-client-' || (g % 10000), null, null, null, md5((g - 1)::text), md5(g::text)
  from generate_series((select coalesce(max(chain_seq), 0) + 1 from audit_record where chain = 'cairn-bench-seed'),
                       :records) as g;
analyze audit_record;
