-- pg_trgm takes the trigrams of each word apart, so "ada lovelace" and "lovelace ada" have the same
-- trigram set and the same similarity to anything: the reversed-name index answered exactly what the
-- straight one answers, and cost a second GIN update on every registration. Exact names (either
-- order) are what a birth-year-only duplicate needs, so they get a plain btree.
drop index client_search_name_reversed_trgm;
alter table client drop column search_name_reversed;
create index client_search_name on client (search_name);
