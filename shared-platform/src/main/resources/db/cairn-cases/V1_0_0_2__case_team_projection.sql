-- The care team of each case in the projection, as the case events tell it (CaseDirectory).
create table if not exists case_team_projection (
    case_id uuid not null references case_projection (case_id),
    user_id text not null,
    role    text not null,
    primary key (case_id, user_id)
);
