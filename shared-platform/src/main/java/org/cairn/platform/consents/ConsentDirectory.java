package org.cairn.platform.consents;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cairn.contracts.events.ConsentExpiredV1;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.events.ConsentRevokedV1;
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

    /** Adds the consent events' handlers to a consumer's. */
    public EventHandlers.Builder handlers(EventHandlers.Builder builder) {
        return builder.on(ConsentGrantedV1.class, e -> consentGranted(e.data(), e.time()))
                .on(ConsentRevokedV1.class, e -> consentRevoked(e.data(), e.time()))
                .on(ConsentExpiredV1.class, e -> consentExpired(e.data(), e.time()));
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
