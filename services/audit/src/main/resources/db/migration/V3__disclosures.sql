-- The consents behind a disclosure (an access by another agency's staff under consent), for the
-- accounting of disclosures; absent for an agency's own data.
alter table audit_record add column consent_ids text[];
create index audit_record_disclosures on audit_record (client_id, occurred_at desc) where consent_ids is not null;
