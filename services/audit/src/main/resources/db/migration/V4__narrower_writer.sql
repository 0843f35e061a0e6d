-- The writer needs less than V1 gave it outside the trail: alerts are only ever added, chain heads
-- only moved forward (never removed), and the migrations' history is the owner's alone.
revoke update, delete, truncate on audit_alert from ${writer};
revoke delete, truncate on audit_chain_head from ${writer};
revoke all on flyway_schema_history from ${writer};
