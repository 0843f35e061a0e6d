-- Checked at commit rather than per row, so that replacing a client's identifiers in another order
-- (rows rewritten one by one) is not refused as a duplicate of itself.
alter table client_identifier drop constraint client_identifier_type_issuer_value_key;
alter table client_identifier
    add constraint client_identifier_type_issuer_value_key unique (type, issuer, value) deferrable initially deferred;
