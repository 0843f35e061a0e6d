package org.cairn.referrals.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.DirectoryCapacityChangedV1;
import org.cairn.contracts.events.DirectoryServiceChangedV1;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problems;
import org.cairn.referrals.directory.HsdsDocument.ServiceEntry;

/**
 * The network's resource directory: curated by network administrators (one service at a time, or a
 * whole HSDS document at once, all or nothing), its capacity kept by the agency that runs each
 * service, readable by everyone in the network. Every change is told through the outbox, keyed by
 * the service.
 */
@ApplicationScoped
public class Directory {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Directory.class);

    static final String RESOURCE = "directory-service";

    private final DirectoryStore store;
    private final Outbox outbox;

    Directory(DirectoryStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Adds or replaces the services of a document, with their organizations and locations; how many
     * it held and how many of them changed (only those are told).
     */
    public Uni<Written> write(Caller caller, List<ServiceEntry> entries) {
        return store.pool()
                .withTransaction(conn -> store.agenciesTakenElsewhere(conn, entries)
                        .chain(taken -> {
                            if (!taken.isEmpty()) {
                                Map.Entry<String, UUID> first =
                                        taken.entrySet().iterator().next();
                                return Uni.createFrom()
                                        .failure(Problems.conflict(
                                                "agency-taken",
                                                "agency " + first.getKey() + " is run by organization "
                                                        + first.getValue() + " of the directory already"));
                            }
                            return store.write(conn, entries, caller.userId());
                        })
                        .call(changed -> Multi.createFrom()
                                .iterable(entries.stream()
                                        .filter(e -> changed.contains(e.id()))
                                        .toList())
                                .onItem()
                                .transformToUniAndConcatenate(
                                        e -> outbox.addOn(conn, message(caller, e.id(), changed(e))))
                                .collect()
                                .last())
                        .map(changed -> new Written(entries.size(), changed.size())))
                .call(w -> w.changed() >= FRESH_STATISTICS_AFTER
                        ? tidy()
                        : Uni.createFrom().voidItem());
    }

    /** How many services a write held, and how many of them it changed. */
    public record Written(int services, int changed) {}

    /** Services changed at once after which the directory's tables are tidied. */
    static final int FRESH_STATISTICS_AFTER = 100;

    /**
     * After a large import, the row versions it replaced reclaimed and the planner's statistics
     * fresh, for a server whose autovacuum would take its time or, as on some development machines,
     * never come (seen: a search ten times slower, its indexes full of dead entries after three
     * imports). Best effort, after the commit.
     */
    private Uni<Void> tidy() {
        return store.pool()
                .query("vacuum (analyze) directory_organization, directory_location, directory_service,"
                        + " directory_service_at_location, directory_opening")
                .execute()
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(failure -> {
                    LOG.warnf("The directory's tables were not vacuumed after an import: %s", failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    public Uni<ObjectNode> get(UUID id) {
        return store.hsds(id).onItem().ifNull().failWith(() -> Problems.notFound(RESOURCE, id));
    }

    /** A page of the whole directory in the HSDS API's page shape (pages numbered from 1). */
    public Uni<ObjectNode> export(int pageNumber, int perPage) {
        return store.count()
                .chain(total -> store.hsdsPage((pageNumber - 1) * perPage, perPage)
                        .map(contents -> {
                            ObjectNode page = org.cairn.contracts.events.EventJson.mapper()
                                    .createObjectNode();
                            long pages = Math.max(1, (total + perPage - 1) / perPage);
                            page.put("total_items", total);
                            page.put("total_pages", pages);
                            page.put("page_number", pageNumber);
                            page.put("size", contents.size());
                            page.put("first_page", pageNumber == 1);
                            page.put("last_page", pageNumber >= pages);
                            page.put("empty", contents.isEmpty());
                            page.putArray("contents").addAll(contents);
                            return page;
                        }));
    }

    /**
     * The capacity of a service, set by a user of the agency that runs it (403 for anyone else: the
     * directory is public within the network, its upkeep is not).
     */
    public Uni<DirectorySearch.CapacityView> capacity(
            Caller caller, UUID serviceId, Integer available, Integer maximum, Integer waitlist) {
        return store.pool()
                .withTransaction(conn -> conn.preparedQuery("""
                        select s.id, o.agency_id from directory_service s
                        join directory_organization o on o.id = s.organization_id where s.id = $1 for update of s""")
                        .execute(Tuple.of(serviceId))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().failure(Problems.notFound(RESOURCE, serviceId));
                            }
                            if (!caller.agencyId().equals(rows.iterator().next().getString("agency_id"))) {
                                return Uni.createFrom()
                                        .failure(Problems.forbidden(
                                                "not-your-service",
                                                "only the agency that runs a service keeps its capacity"));
                            }
                            return conn.preparedQuery("""
                                    update directory_service set capacity_available = $2, capacity_maximum = $3,
                                        capacity_waitlist = $4, capacity_updated_at = now(), capacity_updated_by = $5
                                    where id = $1
                                    returning capacity_available, capacity_maximum, capacity_waitlist, capacity_updated_at""")
                                    .execute(Tuple.tuple()
                                            .addUUID(serviceId)
                                            .addInteger(available)
                                            .addInteger(maximum)
                                            .addInteger(waitlist)
                                            .addString(caller.userId()))
                                    .map(updated -> DirectorySearch.capacity(
                                            updated.iterator().next()));
                        })
                        .call(view -> outbox.addOn(
                                conn,
                                message(
                                        caller,
                                        serviceId,
                                        new DirectoryCapacityChangedV1(
                                                serviceId.toString(),
                                                caller.agencyId(),
                                                view.available(),
                                                view.maximum(),
                                                view.waitlist(),
                                                view.updatedAt())))));
    }

    /**
     * A service a referral is addressed to: its name, whether it takes referrals, the agency that
     * runs it, and which eligibility rules the client's profile fails.
     */
    public Uni<Target> target(UUID serviceId, Eligibility.Profile profile) {
        List<Eligibility.Rule> rules = Eligibility.rules(profile, 2);
        List<Object> params = new ArrayList<>();
        params.add(serviceId);
        StringBuilder sql = new StringBuilder("select s.id, s.name, s.status, o.agency_id");
        for (int i = 0; i < rules.size(); i++) {
            sql.append(", ")
                    .append(rules.get(i).condition())
                    .append(" as rule_")
                    .append(i);
            params.add(rules.get(i).value());
        }
        sql.append(
                " from directory_service s join directory_organization o on o.id = s.organization_id where s.id = $1");
        return store.pool()
                .preparedQuery(sql.toString())
                .execute(Tuple.from(params))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    List<String> failed = new ArrayList<>();
                    for (int i = 0; i < rules.size(); i++) {
                        if (!Boolean.TRUE.equals(row.getBoolean("rule_" + i))) {
                            failed.add(rules.get(i).name());
                        }
                    }
                    return new Target(
                            row.getUUID("id"),
                            row.getString("name"),
                            row.getString("status"),
                            row.getString("agency_id"),
                            failed);
                });
    }

    /** A directory service as a referral sees it. */
    public record Target(UUID id, String name, String status, String agencyId, List<String> failedRules) {}

    private static DirectoryServiceChangedV1 changed(ServiceEntry e) {
        return new DirectoryServiceChangedV1(
                e.id().toString(),
                e.organizationId().toString(),
                e.agencyId(),
                e.name(),
                e.status(),
                e.needDomains().stream()
                        .map(code -> Coded.fromCode(NeedDomain.class, code))
                        .toList(),
                Instant.now());
    }

    private static OutboxMessage message(Caller caller, UUID serviceId, Record event) {
        return new OutboxMessage(RESOURCE, serviceId.toString(), caller.agencyId(), event);
    }
}
