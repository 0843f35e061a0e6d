package org.cairn.clients.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cairn.clients.Consent;
import org.cairn.clients.rest.NoteAndConsentRequests;
import org.cairn.contracts.events.ConsentExpiredV1;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.events.ConsentRevokedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.Problems;

/**
 * Consents: recorded by an agency that serves the client, revoked at once, expired by time. What
 * another agency may see of a client is decided from them at the moment of each read.
 */
@ApplicationScoped
public class ConsentService {

    static final String RESOURCE = "consent";

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConsentService.class);

    private final Outbox outbox;
    private final AuditTrail audit;

    ConsentService(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    public Uni<Consent> grant(Caller caller, UUID clientId, NoteAndConsentRequests.NewConsent request) {
        validate(request);
        Set<String> categories =
                request.categories().stream().map(Coded::code).collect(Collectors.toCollection(LinkedHashSet::new));
        return Panache.withTransaction(() -> ClientRegistry.requireVisible(caller, clientId)
                .chain(
                        () -> request.guardianClientId() == null
                                ? Uni.createFrom().voidItem()
                                : ClientRegistry.requireVisible(caller, request.guardianClientId())
                                        .chain(() ->
                                                Relationships.isLegalGuardian(request.guardianClientId(), clientId))
                                        .chain(
                                                guardian -> guardian
                                                        ? Uni.createFrom().voidItem()
                                                        : Uni.createFrom()
                                                                .failure(
                                                                        Problems.unprocessable(
                                                                                "not-legal-guardian",
                                                                                "The grantor is not recorded as the client's legal guardian."))))
                .chain(() -> Consent.<Consent>list("clientId", clientId))
                .chain(existing -> {
                    LocalDate today = LocalDate.now();
                    for (Consent c : existing) {
                        if (!"revoked".equals(c.status(today))
                                && !"expired".equals(c.status(today))
                                && java.util.Objects.equals(c.recipientAgencyId, request.recipientAgencyId())
                                && c.purpose.equals(request.purpose().code())
                                && Set.copyOf(c.categoryCodes()).equals(categories)) {
                            return Uni.createFrom()
                                    .failure(Problems.conflict(
                                            "duplicate-consent",
                                            "An active consent " + c.id
                                                    + " already covers this recipient, purpose and categories."));
                        }
                    }
                    return persist(caller, clientId, request, categories);
                }));
    }

    private Uni<Consent> persist(
            Caller caller, UUID clientId, NoteAndConsentRequests.NewConsent request, Set<String> categories) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Consent c = new Consent();
        c.id = UUID.randomUUID();
        c.clientId = clientId;
        c.recordedByAgency = caller.agencyId();
        c.grantorType = request.grantorType().code();
        c.guardianClientId = request.guardianClientId();
        c.recipientAgencyId = request.recipientAgencyId();
        c.purpose = request.purpose().code();
        c.categories = String.join(",", categories);
        c.effectiveFrom = request.effectiveFrom();
        c.effectiveTo = request.effectiveTo();
        c.evidenceType = request.evidenceType().code();
        c.evidenceReference = request.evidenceReference();
        c.witness = request.witness();
        c.createdAt = now;
        return c.<Consent>persist()
                .call(() -> publish(
                        c,
                        new ConsentGrantedV1(
                                c.id.toString(),
                                clientId.toString(),
                                caller.agencyId(),
                                c.recipientAgencyId,
                                request.purpose(),
                                request.categories().stream().distinct().toList(),
                                c.effectiveFrom,
                                c.effectiveTo,
                                now)))
                .call(() -> audit.record(
                        AuditEntry.of(AuditAction.CREATED, RESOURCE, c.id.toString(), clientId.toString())));
    }

    /** Revokes a consent; from this moment on no read is granted by it. */
    public Uni<Consent> revoke(Caller caller, UUID consentId, String reason) {
        return Panache.withTransaction(() -> find(caller, consentId).chain(c -> {
            if (!caller.agencyId().equals(c.recordedByAgency)
                    && !caller.agencyId().equals(c.recipientAgencyId)) {
                return Uni.createFrom()
                        .failure(
                                Problems.forbidden(
                                        "not-your-consent",
                                        "A revocation is recorded by the agency that recorded the consent or the agency it names."));
            }
            if (c.revokedAt != null) {
                return Uni.createFrom()
                        .failure(Problems.conflict("already-revoked", "The consent is already revoked."));
            }
            c.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            c.revokedBy = caller.userId();
            c.revocationReason = reason;
            return publish(
                            c,
                            new ConsentRevokedV1(
                                    c.id.toString(), c.clientId.toString(), caller.agencyId(), c.revokedAt))
                    .call(() -> audit.record(
                            AuditEntry.of(AuditAction.UPDATED, RESOURCE, c.id.toString(), c.clientId.toString())))
                    .replaceWith(c);
        }));
    }

    /** The client's consents; a guardian the caller's agency may not see is not named. */
    public Uni<List<Consent>> ofClient(Caller caller, UUID clientId) {
        return Panache.withSession(() -> ClientRegistry.requireVisible(caller, clientId)
                        .chain(() -> Consent.<Consent>list("clientId = ?1 order by createdAt", clientId))
                        .call(list -> hideInvisibleGuardians(caller, list)))
                .call(list -> audit.record(AuditEntry.of(AuditAction.VIEWED, RESOURCE, null, clientId.toString())));
    }

    /**
     * Announces, once, each consent whose period has ended. Several instances may run it: each row
     * is taken by one of them.
     */
    @Scheduled(every = "${clients.consent-expiry-check:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announceExpired() {
        return Panache.withTransaction(() -> Consent.<Consent>find(
                                "from Consent where revokedAt is null and expiryAnnounced = false and effectiveTo < ?1",
                                LocalDate.now())
                        .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .page(0, 100)
                        .list()
                        .chain(expired -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Consent c : expired) {
                                c.expiryAnnounced = true;
                                chain = chain.chain(() -> publish(
                                        c,
                                        new ConsentExpiredV1(
                                                c.id.toString(),
                                                c.clientId.toString(),
                                                c.recordedByAgency,
                                                c.effectiveTo.plusDays(1))));
                            }
                            return chain;
                        }))
                .onFailure()
                .invoke(e -> LOG.warnf(
                        "Consent expiry check failed: %s", e.getClass().getName()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private static Uni<Void> hideInvisibleGuardians(Caller caller, List<Consent> consents) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Consent c : consents) {
            if (c.guardianClientId != null) {
                chain = chain.chain(() -> ClientRegistry.visible(caller.agencyId(), c.guardianClientId)
                        .invoke(visible -> c.guardianHidden = !visible)
                        .replaceWithVoid());
            }
        }
        return chain;
    }

    /** The sensitivity categories an agency may see of another agency's notes about a client, today. */
    public static Set<String> coveredCategories(List<Consent> consents, String agencyId) {
        LocalDate today = LocalDate.now();
        Set<String> covered = new LinkedHashSet<>();
        for (Consent c : consents) {
            for (SensitivityCategory category : SensitivityCategory.values()) {
                if (c.covers(agencyId, category.code(), today)) {
                    covered.add(category.code());
                }
            }
        }
        return covered;
    }

    private Uni<Consent> find(Caller caller, UUID consentId) {
        return Consent.<Consent>findById(consentId)
                .chain(c -> c == null
                        ? Uni.createFrom().<Consent>nullItem()
                        : ClientRegistry.visible(caller.agencyId(), c.clientId).map(visible -> visible ? c : null))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound(RESOURCE, consentId));
    }

    static void validate(NoteAndConsentRequests.NewConsent r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.effectiveTo() != null && r.effectiveTo().isBefore(r.effectiveFrom())) {
            errors.add(new Problem.FieldError("effectiveTo", "must not be before effectiveFrom"));
        }
        if (r.grantorType() == NoteAndConsentRequests.GrantorType.LEGAL_GUARDIAN && r.guardianClientId() == null) {
            errors.add(new Problem.FieldError("guardianClientId", "is required when a legal guardian grants"));
        }
        if (r.grantorType() == NoteAndConsentRequests.GrantorType.CLIENT && r.guardianClientId() != null) {
            errors.add(new Problem.FieldError("guardianClientId", "only applies when a legal guardian grants"));
        }
        if (r.evidenceType() == NoteAndConsentRequests.EvidenceType.VERBAL_WITNESSED
                && (r.witness() == null || r.witness().isBlank())) {
            errors.add(new Problem.FieldError("witness", "is required for a witnessed verbal consent"));
        }
        if (r.evidenceType() == NoteAndConsentRequests.EvidenceType.DOCUMENT
                && (r.evidenceReference() == null || r.evidenceReference().isBlank())) {
            errors.add(new Problem.FieldError("evidenceReference", "is required for a documented consent"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
    }

    private Uni<Void> publish(Consent c, Record event) {
        return outbox.add(new OutboxMessage(RESOURCE, c.clientId.toString(), c.recordedByAgency, event))
                .replaceWithVoid();
    }
}
