package org.cairn.assessments.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cairn.contracts.events.CaseAssignedV1;
import org.cairn.contracts.events.CaseClosedV1;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.events.CaseStatusChangedV1;
import org.cairn.contracts.events.CaseTransferredV1;
import org.cairn.contracts.events.ConsentExpiredV1;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.events.ConsentRevokedV1;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Keeps this service's copy of cases and consents in step with the clients service's events. Runs in
 * the inbox's transaction, so an event is applied once. One client's events arrive in order (the
 * topic is keyed by client); an update for a case this service never heard of is ignored.
 */
@ApplicationScoped
public class CaseProjection {

    public Uni<Void> opened(CaseOpenedV1 e, Instant at) {
        return execute(
                "insert into case_projection (case_id, client_id, agency_id, program, status,"
                        + " primary_case_manager_id, opened_on, updated_at)"
                        + " values (:case, :client, :agency, :program, :status, :manager, :opened, :at)"
                        + " on conflict (case_id) do nothing",
                q -> q.setParameter("case", UUID.fromString(e.caseId()))
                        .setParameter("client", UUID.fromString(e.clientId()))
                        .setParameter("agency", e.agencyId())
                        .setParameter("program", e.program().code())
                        .setParameter("status", e.status().code())
                        .setParameter("manager", e.primaryCaseManagerId())
                        .setParameter("opened", e.openedOn())
                        .setParameter("at", at));
    }

    public Uni<Void> assigned(CaseAssignedV1 e, Instant at) {
        return manager(e.caseId(), e.primaryCaseManagerId(), at);
    }

    public Uni<Void> transferred(CaseTransferredV1 e, Instant at) {
        return manager(e.caseId(), e.toCaseManagerId(), at);
    }

    public Uni<Void> statusChanged(CaseStatusChangedV1 e, Instant at) {
        return execute(
                "update case_projection set status = :status, updated_at = :at where case_id = :case",
                q -> q.setParameter("status", e.to().code())
                        .setParameter("at", at)
                        .setParameter("case", UUID.fromString(e.caseId())));
    }

    public Uni<Void> closed(CaseClosedV1 e, Instant at) {
        return execute(
                "update case_projection set status = 'closed', closed_on = :closed, updated_at = :at"
                        + " where case_id = :case",
                q -> q.setParameter("closed", e.closedOn())
                        .setParameter("at", at)
                        .setParameter("case", UUID.fromString(e.caseId())));
    }

    public Uni<Void> consentGranted(ConsentGrantedV1 e, Instant at) {
        String categories = String.join(
                ",", e.categories().stream().map(SensitivityCategory::code).toList());
        return execute(
                "insert into consent_projection (consent_id, client_id, recipient_agency_id, categories,"
                        + " effective_from, effective_to, status, updated_at)"
                        + " values (:consent, :client, :recipient, string_to_array(cast(:categories as text), ','), :from, :to, 'active', :at)"
                        + " on conflict (consent_id) do nothing",
                q -> q.setParameter("consent", UUID.fromString(e.consentId()))
                        .setParameter("client", UUID.fromString(e.clientId()))
                        .setParameter("recipient", e.recipientAgencyId())
                        .setParameter("categories", categories)
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

    private Uni<Void> manager(String caseId, String managerId, Instant at) {
        return execute(
                "update case_projection set primary_case_manager_id = :manager, updated_at = :at where case_id = :case",
                q -> q.setParameter("manager", managerId)
                        .setParameter("at", at)
                        .setParameter("case", UUID.fromString(caseId)));
    }

    private static Uni<Void> execute(String sql, UnaryOperator<Mutiny.Query<Object>> bind) {
        return Panache.getSession()
                .chain(s -> bind.apply(s.createNativeQuery(sql)).executeUpdate())
                .replaceWithVoid();
    }
}
