-- Retention: records older than the retention period are removed by the retention job (as the
-- owner, never the writer), a chain's oldest records first. Where a chain's kept part now begins,
-- and the hash it continues from, is its anchor; verification starts there.
create table audit_chain_anchor (
    chain          text        primary key,
    through_seq    bigint      not null,
    through_hash   text        not null,
    purged_before  timestamptz not null,
    purged_records bigint      not null,
    purged_at      timestamptz not null
);
revoke insert, update, delete, truncate on audit_chain_anchor from ${writer};
