package org.cairn.referrals.directory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.platform.paging.Page;
import org.cairn.referrals.ReferralsConfig;

/**
 * Finds directory services: active ones, by need domain and free text (PostgreSQL full-text
 * search), kept to those a client profile is eligible for, that speak a language, that are open now
 * (in the network's time zone; a day that opens and closes at the same time is open round the clock), within a distance of a point (the nearest of their locations);
 * ordered by relevance, then distance, then name. One statement, bound parameters only.
 */
@ApplicationScoped
public class DirectorySearch {

    /** Great-circle distance in km from the point ($lat, $lon) to location {@code l}. */
    private static final String DISTANCE = "6371.0 * 2 * asin(sqrt(power(sin(radians(l.latitude - %1$s) / 2), 2)"
            + " + cos(radians(%1$s)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - %2$s) / 2), 2)))";

    private final Pool pool;
    private final ZoneId zone;

    DirectorySearch(Pool pool, ReferralsConfig config) {
        this.pool = pool;
        this.zone = config.directory().timeZone();
    }

    /**
     * What to look for.
     *
     * @param text free text, in web search syntax ("quoted phrase", -excluded, or)
     * @param needs need domains, any of which the service addresses
     * @param language a language code or name the service is offered in
     * @param profile the client profile whose eligibility is required
     * @param openNow only services open at this moment
     * @param latitude with longitude: the point distances are measured from
     * @param radiusKm only services with a location this near the point
     */
    public record Query(
            String text,
            List<NeedDomain> needs,
            String language,
            Eligibility.Profile profile,
            boolean openNow,
            Double latitude,
            Double longitude,
            Double radiusKm,
            int page,
            int size) {}

    /** One service found, as a list shows it. */
    public record Hit(
            UUID id,
            String name,
            String description,
            Organization organization,
            List<NeedDomain> needDomains,
            List<String> languages,
            CapacityView capacity,
            Double distanceKm) {}

    public record Organization(UUID id, String name, String agencyId) {}

    public record CapacityView(Integer available, Integer maximum, Integer waitlist, java.time.Instant updatedAt) {}

    public Uni<Page<Hit>> search(Query query) {
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        where.add("s.status = 'active'");
        String rank = "null::real";
        if (query.text() != null && !query.text().isBlank()) {
            params.add(query.text());
            String ts = "websearch_to_tsquery('english', $" + params.size() + ")";
            where.add("s.search @@ " + ts);
            rank = "ts_rank(s.search, " + ts + ")";
        }
        if (query.needs() != null && !query.needs().isEmpty()) {
            params.add(query.needs().stream().map(NeedDomain::code).toArray(String[]::new));
            where.add("s.need_domains && $" + params.size() + "::text[]");
        }
        if (query.language() != null && !query.language().isBlank()) {
            params.add(query.language().trim().toLowerCase(Locale.ROOT));
            where.add("$" + params.size() + "::text = any(s.languages)");
        }
        for (Eligibility.Rule rule : Eligibility.rules(query.profile(), params.size() + 1)) {
            params.add(rule.value());
            where.add(rule.condition());
        }
        if (query.openNow()) {
            ZonedDateTime now = ZonedDateTime.now(zone);
            int day = now.getDayOfWeek().getValue();
            params.add(day);
            int d = params.size();
            params.add(day == 1 ? 7 : day - 1);
            int prev = params.size();
            params.add(now.toLocalTime().truncatedTo(ChronoUnit.SECONDS));
            int t = params.size();
            where.add(("exists (select 1 from directory_opening op where op.service_id = s.id and ("
                            + "(op.opens_at = op.closes_at and op.weekday = $%1$d)"
                            + " or (op.opens_at < op.closes_at and op.weekday = $%1$d and $%3$d::time >= op.opens_at"
                            + " and $%3$d::time < op.closes_at)"
                            + " or (op.opens_at > op.closes_at and ((op.weekday = $%1$d and $%3$d::time >= op.opens_at)"
                            + " or (op.weekday = $%2$d and $%3$d::time < op.closes_at)))))")
                    .formatted(d, prev, t));
        }
        String distance = "null::float8";
        String join = "";
        boolean located = query.latitude() != null && query.longitude() != null;
        if (located) {
            params.add(query.latitude());
            String lat = "$" + params.size() + "::float8";
            params.add(query.longitude());
            String lon = "$" + params.size() + "::float8";
            join = " left join lateral (select min(" + DISTANCE.formatted(lat, lon) + ") as km"
                    + " from directory_service_at_location sl join directory_location l on l.id = sl.location_id"
                    + " where sl.service_id = s.id and l.latitude is not null) d on true";
            distance = "d.km";
            if (query.radiusKm() != null) {
                params.add(query.radiusKm());
                where.add("d.km <= $" + params.size() + "::float8");
            }
        }
        String order = (query.text() != null && !query.text().isBlank() ? "rank desc, " : "")
                + (located ? "distance_km asc nulls last, " : "")
                + "s.name, s.id";
        params.add(query.page() * query.size());
        int offset = params.size();
        params.add(query.size() + 1);
        int limit = params.size();
        String sql = "select s.id, s.name, left(s.description, 300) as description, s.need_domains, s.languages,"
                + " o.id as organization_id, o.name as organization_name, o.agency_id,"
                + " s.capacity_available, s.capacity_maximum, s.capacity_waitlist, s.capacity_updated_at,"
                + " " + rank + " as rank, " + distance + " as distance_km"
                + " from directory_service s join directory_organization o on o.id = s.organization_id" + join
                + " where " + String.join(" and ", where)
                + " order by " + order
                + " offset $" + offset + " limit $" + limit;
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<Hit> hits = new ArrayList<>();
            for (Row row : rows) {
                hits.add(hit(row));
            }
            return Page.of(hits, query.page(), query.size());
        });
    }

    private static Hit hit(Row row) {
        Double km = row.getDouble("distance_km");
        return new Hit(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("description"),
                new Organization(
                        row.getUUID("organization_id"), row.getString("organization_name"), row.getString("agency_id")),
                List.of(row.getArrayOfStrings("need_domains")).stream()
                        .map(code -> Coded.fromCode(NeedDomain.class, code))
                        .toList(),
                List.of(row.getArrayOfStrings("languages")),
                capacity(row),
                km == null ? null : Math.round(km * 10) / 10.0);
    }

    static CapacityView capacity(Row row) {
        Integer available = row.getInteger("capacity_available");
        return available == null
                ? null
                : new CapacityView(
                        available,
                        row.getInteger("capacity_maximum"),
                        row.getInteger("capacity_waitlist"),
                        row.getOffsetDateTime("capacity_updated_at") == null
                                ? null
                                : row.getOffsetDateTime("capacity_updated_at").toInstant());
    }
}
