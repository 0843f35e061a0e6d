package org.cairn.referrals.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cairn.contracts.events.EventJson;
import org.cairn.referrals.directory.HsdsDocument.ServiceEntry;

/** The directory's tables: writes in the caller's transaction, reads on the pool. */
@ApplicationScoped
public class DirectoryStore {

    static final String UPSERT_ORGANIZATION = """
            insert into directory_organization (id, agency_id, name, hsds, updated_at)
            values ($1, $2, $3, cast($4::text as jsonb), now())
            on conflict (id) do update set agency_id = excluded.agency_id, name = excluded.name,
                hsds = excluded.hsds, updated_at = excluded.updated_at
            where (directory_organization.agency_id, directory_organization.hsds)
                is distinct from (excluded.agency_id, excluded.hsds)""";

    static final String UPSERT_LOCATION = """
            insert into directory_location (id, organization_id, name, latitude, longitude, hsds, updated_at)
            values ($1, $2, $3, $4::float8, $5::float8, cast($6::text as jsonb), now())
            on conflict (id) do update set organization_id = excluded.organization_id, name = excluded.name,
                latitude = excluded.latitude, longitude = excluded.longitude, hsds = excluded.hsds,
                updated_at = excluded.updated_at
            where (directory_location.organization_id, directory_location.hsds)
                is distinct from (excluded.organization_id, excluded.hsds)""";

    /**
     * A service; the capacity only when the document gives one (else the agency's own stands). A
     * service given as it is stored is left alone (no new row version, no event): re-importing a
     * directory changes only what changed. Returns the ids of those written.
     */
    static final String UPSERT_SERVICE = """
            insert into directory_service (id, organization_id, name, status, description, need_domains, languages,
                minimum_age, maximum_age, genders, service_areas, income_limit_fpl, insurance, search_text, hsds,
                capacity_available, capacity_maximum, capacity_waitlist, capacity_updated_at, capacity_updated_by,
                updated_at)
            values ($1, $2, $3, $4, $5, $6::text[], $7::text[], $8::float8, $9::float8, $10::text[], $11::text[],
                $12::int, $13::text[], $14, cast($15::text as jsonb), $16::int, $17::int, $18::int,
                case when $19 then now() end, case when $19 then $20 end, now())
            on conflict (id) do update set organization_id = excluded.organization_id, name = excluded.name,
                status = excluded.status, description = excluded.description, need_domains = excluded.need_domains,
                languages = excluded.languages, minimum_age = excluded.minimum_age, maximum_age = excluded.maximum_age,
                genders = excluded.genders, service_areas = excluded.service_areas,
                income_limit_fpl = excluded.income_limit_fpl, insurance = excluded.insurance,
                search_text = excluded.search_text, hsds = excluded.hsds, updated_at = excluded.updated_at,
                capacity_available = case when $19 then excluded.capacity_available else directory_service.capacity_available end,
                capacity_maximum = case when $19 then excluded.capacity_maximum else directory_service.capacity_maximum end,
                capacity_waitlist = case when $19 then excluded.capacity_waitlist else directory_service.capacity_waitlist end,
                capacity_updated_at = case when $19 then excluded.capacity_updated_at else directory_service.capacity_updated_at end,
                capacity_updated_by = case when $19 then excluded.capacity_updated_by else directory_service.capacity_updated_by end
            where (directory_service.organization_id, directory_service.hsds, directory_service.search_text)
                    is distinct from (excluded.organization_id, excluded.hsds, excluded.search_text)
                or ($19 and (directory_service.capacity_available, directory_service.capacity_maximum,
                             directory_service.capacity_waitlist)
                    is distinct from (excluded.capacity_available, excluded.capacity_maximum, excluded.capacity_waitlist))
            returning id""";

    static final String INSERT_AT_LOCATION =
            "insert into directory_service_at_location (id, service_id, location_id, hsds) values ($1, $2, $3, cast($4::text as jsonb))";

    static final String INSERT_OPENING =
            "insert into directory_opening (service_id, location_id, weekday, opens_at, closes_at)"
                    + " values ($1, $2, $3::int, $4, $5)";

    /** The HSDS service as stored, with its organization as it stands now and its capacity. */
    static final String HSDS_SERVICE = """
            select s.id, s.hsds::text as hsds, o.hsds::text as organization, s.capacity_available, s.capacity_maximum,
                   s.capacity_waitlist, s.capacity_updated_at
            from directory_service s join directory_organization o on o.id = s.organization_id""";

    private final Pool pool;

    DirectoryStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Agencies of the entries already named by another organization than the entry's: the agency a
     * curator would take from one organization and give to another.
     */
    public Uni<Map<String, UUID>> agenciesTakenElsewhere(SqlConnection conn, List<ServiceEntry> entries) {
        Map<String, UUID> wanted = new LinkedHashMap<>();
        entries.stream().filter(e -> e.agencyId() != null).forEach(e -> wanted.put(e.agencyId(), e.organizationId()));
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery("select agency_id, id from directory_organization where agency_id = any($1)")
                .execute(Tuple.of(wanted.keySet().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, UUID> taken = new LinkedHashMap<>();
                    for (Row row : rows) {
                        String agency = row.getString("agency_id");
                        if (!row.getUUID("id").equals(wanted.get(agency))) {
                            taken.put(agency, row.getUUID("id"));
                        }
                    }
                    return taken;
                });
    }

    /**
     * Writes the entries (organizations, locations, services, where they are delivered, when open);
     * the ids of the services that changed.
     */
    public Uni<Set<UUID>> write(SqlConnection conn, List<ServiceEntry> entries, String userId) {
        Map<UUID, Tuple> organizations = new LinkedHashMap<>();
        Map<UUID, Tuple> locations = new LinkedHashMap<>();
        List<Tuple> services = new ArrayList<>();
        Map<UUID, List<Tuple>> atLocations = new LinkedHashMap<>();
        Map<UUID, List<Tuple>> openings = new LinkedHashMap<>();
        for (ServiceEntry e : entries) {
            organizations.put(
                    e.organizationId(),
                    Tuple.of(e.organizationId(), e.agencyId(), e.organizationName(), json(e.organization())));
            for (HsdsDocument.LocationEntry l : e.locations()) {
                locations.put(
                        l.id(),
                        Tuple.tuple()
                                .addUUID(l.id())
                                .addUUID(e.organizationId())
                                .addString(l.name())
                                .addDouble(l.latitude())
                                .addDouble(l.longitude())
                                .addString(json(l.hsds())));
            }
            HsdsDocument.Capacity c = e.capacity();
            services.add(Tuple.tuple()
                    .addUUID(e.id())
                    .addUUID(e.organizationId())
                    .addString(e.name())
                    .addString(e.status())
                    .addString(e.description())
                    .addArrayOfString(e.needDomains().toArray(String[]::new))
                    .addArrayOfString(e.languages().toArray(String[]::new))
                    .addDouble(e.minimumAge() == null ? null : e.minimumAge().doubleValue())
                    .addDouble(e.maximumAge() == null ? null : e.maximumAge().doubleValue())
                    .addArrayOfString(array(e.genders()))
                    .addArrayOfString(array(e.serviceAreas()))
                    .addInteger(e.incomeLimitFpl())
                    .addArrayOfString(array(e.insurance()))
                    .addString(e.searchText())
                    .addString(json(e.hsds()))
                    .addInteger(c == null ? null : c.available())
                    .addInteger(c == null ? null : c.maximum())
                    .addInteger(c == null ? null : c.waitlist())
                    .addBoolean(c != null)
                    .addString(userId));
            for (HsdsDocument.AtLocation a : e.atLocations()) {
                atLocations
                        .computeIfAbsent(e.id(), k -> new ArrayList<>())
                        .add(Tuple.of(a.id(), e.id(), a.locationId(), json(a.hsds())));
            }
            for (HsdsDocument.Opening o : e.openings()) {
                openings.computeIfAbsent(e.id(), k -> new ArrayList<>())
                        .add(Tuple.tuple()
                                .addUUID(e.id())
                                .addUUID(o.locationId())
                                .addInteger(o.weekday())
                                .addLocalTime(o.opens())
                                .addLocalTime(o.closes()));
            }
        }
        return batch(conn, UPSERT_ORGANIZATION, List.copyOf(organizations.values()))
                .chain(() -> batch(conn, UPSERT_LOCATION, List.copyOf(locations.values())))
                .chain(() -> written(conn, UPSERT_SERVICE, services))
                .call(changed -> {
                    UUID[] ids = changed.toArray(UUID[]::new);
                    return conn.preparedQuery("delete from directory_service_at_location where service_id = any($1)")
                            .execute(Tuple.of((Object) ids))
                            .chain(() -> conn.preparedQuery("delete from directory_opening where service_id = any($1)")
                                    .execute(Tuple.of((Object) ids)))
                            .chain(() -> batch(conn, INSERT_AT_LOCATION, of(atLocations, changed)))
                            .chain(() -> batch(conn, INSERT_OPENING, of(openings, changed)));
                });
    }

    private static List<Tuple> of(Map<UUID, List<Tuple>> byService, Set<UUID> services) {
        List<Tuple> out = new ArrayList<>();
        services.forEach(id -> out.addAll(byService.getOrDefault(id, List.of())));
        return out;
    }

    /** A batch of upserts returning the ids of the rows they wrote. */
    private static Uni<Set<UUID>> written(SqlConnection conn, String sql, List<Tuple> tuples) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (tuples.isEmpty()) {
            return Uni.createFrom().item(ids);
        }
        return Multi.createFrom()
                .iterable(slices(tuples, 500))
                .onItem()
                .transformToUniAndConcatenate(slice -> conn.preparedQuery(sql)
                        .executeBatch(slice)
                        .invoke(first -> {
                            for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
                                rows.forEach(row -> ids.add(row.getUUID("id")));
                            }
                        }))
                .collect()
                .last()
                .replaceWith(ids);
    }

    /** One service in HSDS shape, or null. */
    public Uni<ObjectNode> hsds(UUID id) {
        return pool.preparedQuery(HSDS_SERVICE + " where s.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : hsds(rows.iterator().next()));
    }

    /** A page of the directory in HSDS shape, in id order, and how many services it holds. */
    public Uni<List<ObjectNode>> hsdsPage(int offset, int limit) {
        return pool.preparedQuery(HSDS_SERVICE + " order by s.id offset $1 limit $2")
                .execute(Tuple.of(offset, limit))
                .map(rows -> {
                    List<ObjectNode> page = new ArrayList<>();
                    rows.forEach(row -> page.add(hsds(row)));
                    return page;
                });
    }

    public Uni<Long> count() {
        return pool.query("select count(*) from directory_service")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The stored service with its organization as it stands and its current capacity, as HSDS has it. */
    private static ObjectNode hsds(Row row) {
        try {
            ObjectNode service = (ObjectNode) EventJson.mapper().readTree(row.getString("hsds"));
            service.set("organization", EventJson.mapper().readTree(row.getString("organization")));
            var capacities = service.putArray("capacities");
            Integer available = row.getInteger("capacity_available");
            if (available != null) {
                UUID id = row.getUUID("id");
                ObjectNode c = capacities.addObject();
                c.put(
                        "id",
                        UUID.nameUUIDFromBytes(("capacity:" + id).getBytes()).toString());
                c.put("service_id", id.toString());
                ObjectNode unit = c.putObject("unit");
                unit.put("id", UUID.nameUUIDFromBytes("unit:places".getBytes()).toString());
                unit.put("name", "places");
                c.put("available", available);
                if (row.getInteger("capacity_maximum") != null) {
                    c.put("maximum", row.getInteger("capacity_maximum"));
                }
                if (row.getInteger("capacity_waitlist") != null) {
                    c.put("cairn_waitlist", row.getInteger("capacity_waitlist"));
                }
                OffsetDateTime updated = row.getOffsetDateTime("capacity_updated_at");
                if (updated != null) {
                    c.put("updated", updated.toString());
                }
            }
            return service;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored directory service could not be read", e);
        }
    }

    private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // in slices, so that one huge import does not build one huge batch message
        return Multi.createFrom()
                .iterable(slices(tuples, 500))
                .onItem()
                .transformToUniAndConcatenate(slice -> conn.preparedQuery(sql).executeBatch(slice))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static List<List<Tuple>> slices(List<Tuple> all, int size) {
        List<List<Tuple>> slices = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            slices.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return slices;
    }

    private static String[] array(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    static String json(Object node) {
        try {
            return EventJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a directory object could not be written", e);
        }
    }
}
