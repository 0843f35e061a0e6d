package org.cairn.clients.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cairn.clients.Codes;
import org.cairn.clients.rest.ClientRegistration;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.Problems;

/**
 * Searches the clients the caller's agency may see, by name (tolerant of typos and of given and
 * family name swapped), date of birth, identifier and phone. Every criterion is served by an index
 * (trigram GIN on the name, which also serves the swapped order since pg_trgm ignores word order;
 * identifier and contact point keys); the access join keeps other agencies' clients out.
 */
@ApplicationScoped
public class ClientSearch {

    /** What to look for; at least one criterion. */
    public record Criteria(
            String name,
            LocalDate birthDate,
            Codes.IdentifierType identifierType,
            String identifierValue,
            String phone,
            int page,
            int size) {

        boolean empty() {
            return (name == null || name.isBlank()) && birthDate == null && identifierValue == null && phone == null;
        }
    }

    /** One match. */
    public record ClientSummary(
            String id,
            ClientRegistration.PersonName name,
            LocalDate birthDate,
            Integer estimatedBirthYear,
            double score) {}

    private final Pool pool;
    private final AuditTrail audit;

    ClientSearch(Pool pool, AuditTrail audit) {
        this.pool = pool;
        this.audit = audit;
    }

    public Uni<Page<ClientSummary>> search(Caller caller, Criteria criteria) {
        if (criteria.empty()) {
            throw Problems.badRequest(
                    "no-criteria", "Give at least one of name, birthDate, identifierType with identifierValue, phone.");
        }
        if ((criteria.identifierType() == null) != (criteria.identifierValue() == null)) {
            throw Problems.badRequest("incomplete-identifier", "identifierType and identifierValue go together.");
        }
        Tuple params = Tuple.tuple().addString(caller.agencyId());
        List<String> where = new ArrayList<>();
        String from = "client c";
        String score = "1.0";
        if (criteria.name() != null && !criteria.name().isBlank()) {
            String name = criteria.name().strip().toLowerCase(Locale.ROOT);
            params.addString(name);
            int p = params.size();
            // The trigram indexes lead (materialized, so a generic plan cannot start from the agency's
            // whole access list instead); every other criterion then filters their hits.
            from = "(with hits as materialized (select id from client where search_name % $" + p
                    + ") select id from hits) h join client c on c.id = h.id";
            score = "similarity(c.search_name, $" + p + ")";
        }
        if (criteria.birthDate() != null) {
            params.addLocalDate(criteria.birthDate());
            where.add("c.birth_date = $" + params.size());
        }
        if (criteria.identifierValue() != null) {
            params.addString(criteria.identifierType().code())
                    .addString(criteria.identifierValue().strip());
            where.add("c.id in (select i.client_id from client_identifier i where i.type = $" + (params.size() - 1)
                    + " and i.value = $" + params.size() + ")");
        }
        if (criteria.phone() != null) {
            params.addString(ContactNormalizer.normalize(Codes.ContactSystem.PHONE, criteria.phone()));
            where.add("c.id in (select p.client_id from client_contact_point p where p.system in ('phone', 'sms')"
                    + " and p.normalized = $" + params.size() + ")");
        }
        where.add("exists (select 1 from client_access a where a.client_id = c.id and a.agency_id = $1)");
        params.addInteger(criteria.size() + 1).addInteger(criteria.page() * criteria.size());
        String sql = "select c.id, c.given_name, c.family_name, c.preferred_name, c.birth_date,"
                + " c.estimated_birth_year, " + score + " as score"
                + " from " + from
                + " where " + String.join(" and ", where)
                + " order by score desc, c.family_name, c.given_name, c.id"
                + " limit $" + (params.size() - 1) + " offset $" + params.size();
        return pool.preparedQuery(sql)
                .execute(params)
                .map(rows -> {
                    List<ClientSummary> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new ClientSummary(
                                row.getUUID("id").toString(),
                                new ClientRegistration.PersonName(
                                        row.getString("given_name"),
                                        row.getString("family_name"),
                                        row.getString("preferred_name")),
                                row.getLocalDate("birth_date"),
                                row.getInteger("estimated_birth_year"),
                                Math.round(row.getDouble("score") * 100) / 100.0));
                    }
                    return Page.of(found, criteria.page(), criteria.size());
                })
                .call(page -> audit.record(AuditEntry.of(AuditAction.SEARCHED, ClientRegistry.RESOURCE, null, null)));
    }
}
