package org.cairn.platform.consents;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cairn.contracts.events.ConsentExpiredV1;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.events.ConsentRevokedV1;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A consuming service's copy of the clients service's consents: which client let which agency (or
 * the whole network) receive which categories of information, for what purpose, from when to when,
 * and whether it still stands. A service that wants it lists {@code db/cairn-consents} in
 * {@code quarkus.flyway.locations} and adds {@link #handlers} to the handlers of its
 * {@code cairn.clients.events} consumer; the inbox applies each event once, in its transaction.
 */
@ApplicationScoped
public class ConsentDirectory {

    /**
     * SQL over {@code consent_projection k}: the consent is in force today. For the queries of the
     * services that read under consents, so all of them mean the same by it.
     */
    public static final String IN_FORCE = "k.status = 'active' and k.effective_from <= current_date"
            + " and (k.effective_to is null or k.effective_to >= current_date)";

    /** SQL over {@code consent_projection k}: the consent names the agency bound as {@code :agency}, or the whole network. */
    public static final String FOR_AGENCY = "(k.recipient_agency_id = :agency or k.recipient_agency_id is null)";

    /** Adds the consent events' handlers to a consumer's. */
    public EventHandlers.Builder handlers(EventHandlers.Builder builder) {
        return handlers(builder, (consentId, how) -> Uni.createFrom().voidItem());
    }

    /**
     * Adds the consent events' handlers to a consumer's, and what the service does itself, in the
     * same transaction, when a consent ends: {@code ended} gets the consent id and how it ended
     * ({@code revoked} or {@code expired}).
     */
    public EventHandlers.Builder handlers(
            EventHandlers.Builder builder, java.util.function.BiFunction<String, String, Uni<Void>> ended) {
        return builder.on(ConsentGrantedV1.class, e -> consentGranted(e.data(), e.time()))
                .on(
                        ConsentRevokedV1.class,
                        e -> consentRevoked(e.data(), e.time())
                                .chain(() -> ended.apply(e.data().consentId(), "revoked")))
                .on(
                        ConsentExpiredV1.class,
                        e -> consentExpired(e.data(), e.time())
                                .chain(() -> ended.apply(e.data().consentId(), "expired")));
    }

    public Uni<Void> consentGranted(ConsentGrantedV1 e, Instant at) {
        String categories = String.join(
                ",", e.categories().stream().map(SensitivityCategory::code).toList());
        return execute(
                "insert into consent_projection (consent_id, client_id, recipient_agency_id, categories,"
                        + " purpose, effective_from, effective_to, status, updated_at)"
                        + " values (:consent, :client, :recipient, string_to_array(cast(:categories as text), ','),"
                        + " :purpose, :from, :to, 'active', :at)"
                        + " on conflict (consent_id) do nothing",
                q -> q.setParameter("consent", UUID.fromString(e.consentId()))
                        .setParameter("client", UUID.fromString(e.clientId()))
                        .setParameter("recipient", e.recipientAgencyId())
                        .setParameter("categories", categories)
                        .setParameter(
                                "purpose",
                                e.purpose() == null ? null : e.purpose().code())
                        .setParameter("from", e.effectiveFrom())
                        .setParameter("to", e.effectiveTo())
                        .setParameter("at", at));
    }

    /**
     * The consent, active today, under which the client's information of every one of
     * {@code categories} may go to {@code recipientAgencyId} for {@code purpose}: one naming that
     * agency before one for the whole network, the most recent first. Null when there is none. Runs
     * in the caller's session.
     */
    public Uni<String> covering(
            UUID clientId,
            String recipientAgencyId,
            ConsentPurpose purpose,
            Collection<SensitivityCategory> categories) {
        String wanted = String.join(
                ",",
                new TreeSet<>(categories.stream().map(SensitivityCategory::code).toList()));
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select cast(k.consent_id as text) from consent_projection k where k.client_id in (:client)"
                                        + " and k.purpose = :purpose and " + IN_FORCE + " and " + FOR_AGENCY
                                        + " and k.categories @> string_to_array(cast(:wanted as text), ',')"
                                        + " order by k.recipient_agency_id nulls last, k.effective_from desc, k.consent_id"
                                        + " limit 1",
                                String.class)
                        // a list: not a plan Hibernate caches (see CaseDirectory.find)
                        .setParameter("client", List.of(clientId))
                        .setParameter("purpose", purpose.code())
                        .setParameter("agency", recipientAgencyId)
                        .setParameter("wanted", wanted)
                        .getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Whether a consent is in force today (neither revoked nor expired). Runs in the caller's session. */
    public Uni<Boolean> inForce(UUID consentId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select count(*) from consent_projection k where k.consent_id in (:consent) and "
                                        + IN_FORCE,
                                Long.class)
                        .setParameter("consent", List.of(consentId))
                        .getSingleResult())
                .map(n -> n > 0);
    }

    public Uni<Void> consentRevoked(ConsentRevokedV1 e, Instant at) {
        return consentStatus(e.consentId(), "revoked", at);
    }

    public Uni<Void> consentExpired(ConsentExpiredV1 e, Instant at) {
        return consentStatus(e.consentId(), "expired", at);
    }

    private Uni<Void> consentStatus(String consentId, String status, Instant at) {
        return execute(
                "update consent_projection set status = :status, updated_at = :at where consent_id = :consent",
                q -> q.setParameter("status", status)
                        .setParameter("at", at)
                        .setParameter("consent", UUID.fromString(consentId)));
    }

    private static Uni<Void> execute(String sql, UnaryOperator<Mutiny.Query<Object>> bind) {
        return CaseDirectory.execute(sql, bind);
    }
}
