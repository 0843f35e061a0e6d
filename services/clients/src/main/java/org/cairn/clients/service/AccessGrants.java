package org.cairn.clients.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.cairn.clients.CareCase;
import org.cairn.clients.ClientAccess;
import org.cairn.clients.Codes;
import org.cairn.clients.Consent;
import org.cairn.contracts.events.AssessmentCrisisIdentifiedV1;
import org.cairn.contracts.events.CaseCrisisFlaggedV1;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.jboss.logging.Logger;

/**
 * Effects of other services' events on the registry. Each runs inside the inbox's transaction (the
 * caller's Panache session), so the effect and the record of the event commit together.
 */
@ApplicationScoped
public class AccessGrants {

    private static final Logger LOG = Logger.getLogger(AccessGrants.class);

    private final Outbox outbox;
    private final CaseService cases;
    private final AuditTrail audit;

    AccessGrants(Outbox outbox, CaseService cases, AuditTrail audit) {
        this.outbox = outbox;
        this.cases = cases;
        this.audit = audit;
    }

    /** The service itself, acting on another service's event for an agency. */
    static Caller system(String agencyId) {
        return Caller.system(agencyId, "clients");
    }

    /**
     * The receiving agency may now see the client, as far as the referral's consent covers, and has
     * a case in status referred. Nothing is granted when the consent does not name that agency (or
     * the network) or is no longer in force.
     */
    public Uni<Void> referralAccepted(ReferralAcceptedV1 event) {
        UUID clientId = UUID.fromString(event.clientId());
        UUID consentId = UUID.fromString(event.consentId());
        String agency = event.receivingAgencyId();
        return Consent.<Consent>findById(consentId, jakarta.persistence.LockModeType.PESSIMISTIC_READ)
                .chain(consent -> {
                    LocalDate today = LocalDate.now();
                    if (consent == null
                            || !consent.clientId.equals(clientId)
                            || !"active".equals(consent.status(today))
                            || (consent.recipientAgencyId != null && !consent.recipientAgencyId.equals(agency))) {
                        LOG.warnf(
                                "Referral %s accepted without a consent in force for the receiving agency; no access granted",
                                event.referralId());
                        return Uni.createFrom().voidItem();
                    }
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return ClientAccess.count(
                                    "clientId = ?1 and agencyId = ?2 and reason = ?3", clientId, agency, "grant")
                            .chain(n -> n > 0
                                    ? Uni.createFrom().voidItem()
                                    : ClientAccess.of(clientId, agency, ClientAccess.Reason.GRANT, now)
                                            .persist()
                                            .replaceWithVoid())
                            .chain(() -> CareCase.count(
                                    "clientId = ?1 and agencyId = ?2 and program = ?3 and status <> 'closed'",
                                    clientId,
                                    agency,
                                    event.program().code()))
                            .chain(open ->
                                    open > 0 ? Uni.createFrom().voidItem() : referredCase(clientId, agency, event, now))
                            .chain(() -> audit.record(
                                    system(agency),
                                    AuditEntry.of(
                                                    AuditAction.CREATED,
                                                    "access-grant",
                                                    event.referralId(),
                                                    event.clientId())
                                            .because(ConsentPurpose.REFERRAL, "referral accepted")));
                });
    }

    private Uni<Void> referredCase(UUID clientId, String agency, ReferralAcceptedV1 event, Instant now) {
        CareCase c = new CareCase();
        c.id = UUID.randomUUID();
        c.clientId = clientId;
        c.agencyId = agency;
        c.program = event.program().code();
        c.status = CaseStatus.REFERRED.code();
        c.openedOn = LocalDate.now();
        c.openedReason = "referral " + event.referralId();
        c.priority = Codes.Priority.MEDIUM.code();
        c.riskLevel = Codes.RiskLevel.LOW.code();
        c.createdAt = now;
        c.updatedAt = now;
        return c.persist()
                .chain(() -> outbox.add(new OutboxMessage(
                        CaseService.RESOURCE,
                        clientId.toString(),
                        agency,
                        new CaseOpenedV1(
                                c.id.toString(),
                                clientId.toString(),
                                agency,
                                event.program(),
                                CaseStatus.REFERRED,
                                c.openedOn,
                                null,
                                List.of(),
                                now))))
                .replaceWithVoid();
    }

    /** Flags the assessed case as in crisis; a case of another agency than the event's is left alone. */
    public Uni<Void> crisisIdentified(AssessmentCrisisIdentifiedV1 event) {
        return CareCase.<CareCase>find("id = ?1 and agencyId = ?2", UUID.fromString(event.caseId()), event.agencyId())
                .firstResult()
                .chain(c -> {
                    if (c == null || !c.isOpen()) {
                        LOG.warnf("Crisis from assessment %s for a case that is not open here", event.assessmentId());
                        return Uni.createFrom().voidItem();
                    }
                    return cases.flag(
                                    c,
                                    "identified by assessment " + event.assessmentId(),
                                    CaseCrisisFlaggedV1.Source.ASSESSMENT)
                            .chain(() -> audit.record(
                                    system(c.agencyId),
                                    AuditEntry.of(
                                            AuditAction.UPDATED,
                                            CaseService.RESOURCE,
                                            c.id.toString(),
                                            event.clientId())));
                });
    }
}
