package org.cairn.careplans.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.cairn.careplans.CarePlan;
import org.cairn.careplans.Intervention;
import org.cairn.careplans.PlanLifecycle;
import org.cairn.careplans.ProgressEntry;
import org.cairn.contracts.events.AppointmentStatusChangedV1;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.CarePlanStatus;
import org.cairn.contracts.vocabulary.InterventionStatus;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.jboss.logging.Logger;

/**
 * What the rest of the suite tells a plan: a referral's status moves the intervention it carries out,
 * an appointment attended or missed and an assessment's scores become progress entries. Each runs in
 * the inbox's transaction (so an event redelivered changes nothing twice) and acts on the plan's
 * agency's behalf; an event about a plan of another agency than its own is ignored.
 */
@ApplicationScoped
public class SuiteEvents {

    private static final Logger LOG = Logger.getLogger(SuiteEvents.class);

    private final CarePlanService plans;
    private final AuditTrail audit;

    SuiteEvents(CarePlanService plans, AuditTrail audit) {
        this.plans = plans;
        this.audit = audit;
    }

    /** The interventions the referral carries out, in the referring agency's plans, move with it. */
    /** Whether a referral's move is one that moves the interventions linked to it. */
    public static boolean movesInterventions(ReferralStatusChangedV1 e) {
        return PlanLifecycle.forReferral(e.status()).isPresent();
    }

    /**
     * Keeps the consent an accepted referral was sent under: the receiving agency reads the
     * interventions the plan assigns it under that consent (a disclosure, see {@link PlanReads}).
     */
    public Uni<Void> referralAccepted(ReferralAcceptedV1 e) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into referral_consent (referral_id, receiving_agency_id, consent_id)"
                                        + " values (:referral, :agency, :consent) on conflict (referral_id) do nothing")
                        .setParameter("referral", e.referralId())
                        .setParameter("agency", e.receivingAgencyId())
                        .setParameter("consent", e.consentId())
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> referralStatusChanged(ReferralStatusChangedV1 e) {
        InterventionStatus to = PlanLifecycle.forReferral(e.status()).orElse(null);
        if (to == null) {
            return Uni.createFrom().voidItem();
        }
        Caller service = Caller.system(e.sendingAgencyId(), "careplans");
        // the plans first, locked, then their interventions as they are once no one else changes them
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select distinct i.plan_id from intervention i join care_plan p on p.id = i.plan_id"
                                        + " where i.referral_id = :referral and p.agency_id = :agency",
                                UUID.class)
                        .setParameter("referral", e.referralId())
                        .setParameter("agency", e.sendingAgencyId())
                        .getResultList())
                .chain(planIds -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (UUID planId : planIds) {
                        all = all.chain(() -> CarePlan.<CarePlan>findById(planId, LockModeType.PESSIMISTIC_WRITE)
                                .chain(p -> Intervention.<Intervention>find(
                                                "planId = ?1 and referralId = ?2 order by createdAt",
                                                p.id,
                                                e.referralId())
                                        .list()
                                        .chain(linked -> {
                                            Uni<Void> each = Uni.createFrom().voidItem();
                                            for (Intervention i : linked) {
                                                each = each.chain(() -> move(service, p, i, to, e));
                                            }
                                            return each;
                                        })));
                    }
                    return all;
                });
    }

    private Uni<Void> move(
            Caller service, CarePlan p, Intervention i, InterventionStatus to, ReferralStatusChangedV1 e) {
        InterventionStatus from = i.status();
        if (PlanLifecycle.isFinal(p.status()) || !PlanLifecycle.interventionMoveAllowed(from, to)) {
            LOG.debugf(
                    "Referral status %s leaves intervention %s as %s",
                    e.status().code(), i.id, from.code());
            return Uni.createFrom().voidItem();
        }
        return plans.moveIntervention(
                        service,
                        p,
                        i,
                        to,
                        "referral " + e.status().code(),
                        " (referral " + e.status().code() + ")")
                .chain(moved -> ended(p, i, e));
    }

    /**
     * A referral that ended (completed, or failed) is progress on the goal its intervention serves: an
     * entry on the goal and the intervention, saying how it ended.
     */
    private Uni<Void> ended(CarePlan p, Intervention i, ReferralStatusChangedV1 e) {
        if (e.status() != ReferralTaskStatus.COMPLETED && e.status() != ReferralTaskStatus.FAILED) {
            return Uni.createFrom().voidItem();
        }
        String text = "Referral " + e.status().code()
                + (e.outcome() == null ? "." : ": " + e.outcome().code().replace('-', ' ') + ".");
        LocalDate day = LocalDate.ofInstant(e.changedAt() == null ? Instant.now() : e.changedAt(), ZoneOffset.UTC);
        return entry(p, i.goalId, i.id, day, "service:referrals", text, null, null);
    }

    /**
     * An appointment attended or missed is a progress entry: on the interventions it carries out, or
     * else on the case's plan in progress.
     */
    /** Whether an appointment's move is a visit's outcome (attended or missed), which plans record. */
    public static boolean isVisitOutcome(AppointmentStatusChangedV1 e) {
        return e.status() == AppointmentStatus.ATTENDED || e.status() == AppointmentStatus.NO_SHOW;
    }

    public Uni<Void> appointmentStatusChanged(AppointmentStatusChangedV1 e) {
        if (!isVisitOutcome(e)) {
            return Uni.createFrom().voidItem();
        }
        String text = e.status() == AppointmentStatus.ATTENDED
                ? "Appointment attended."
                : "Appointment missed: the client did not come (no-show).";
        LocalDate day = LocalDate.ofInstant(e.startsAt(), ZoneOffset.UTC);
        return Intervention.<Intervention>find(
                        "appointmentId = ?1 and planId in (select p.id from CarePlan p where p.agencyId = ?2)",
                        e.appointmentId(),
                        e.agencyId())
                .list()
                .chain(linked -> {
                    if (!linked.isEmpty()) {
                        Uni<Void> all = Uni.createFrom().voidItem();
                        for (Intervention i : linked) {
                            all = all.chain(() -> CarePlan.<CarePlan>findById(i.planId, LockModeType.PESSIMISTIC_READ)
                                    .chain(p -> entry(p, i.goalId, i.id, day, "service:scheduling", text, null, null)));
                        }
                        return all;
                    }
                    if (e.caseId() == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return planInProgress(UUID.fromString(e.caseId()), e.agencyId())
                            .chain(p -> p == null
                                    ? Uni.createFrom().voidItem()
                                    : entry(p, null, null, day, "service:scheduling", text, null, null));
                });
    }

    /** Each scale score of a completed assessment is a measurement on the case's plan in progress. */
    public Uni<Void> assessmentScored(AssessmentCompletedV1 e) {
        if (e.scores() == null || e.scores().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate day = LocalDate.ofInstant(e.completedAt(), ZoneOffset.UTC);
        return planInProgress(UUID.fromString(e.caseId()), e.agencyId()).chain(p -> {
            if (p == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> all = Uni.createFrom().voidItem();
            for (AssessmentCompletedV1.Score score : e.scores()) {
                String label = e.instrumentId() + " " + score.scale();
                String text = "Assessment " + e.instrumentId() + " completed: " + score.scale() + " " + score.score()
                        + (score.band() == null ? "" : " (" + score.band() + ")") + ".";
                all = all.chain(() ->
                        entry(p, null, null, day, e.completedBy(), text, BigDecimal.valueOf(score.score()), label));
            }
            return all;
        });
    }

    /** The case's plan that progress is recorded on (a draft, active or under review), if any. */
    private static Uni<CarePlan> planInProgress(UUID caseId, String agencyId) {
        return CarePlan.<CarePlan>find(
                        "caseId = ?1 and agencyId = ?2 and status in ?3 order by createdAt desc",
                        caseId,
                        agencyId,
                        List.of(
                                CarePlanStatus.DRAFT.code(),
                                CarePlanStatus.ACTIVE.code(),
                                CarePlanStatus.UNDER_REVIEW.code(),
                                CarePlanStatus.SUBMITTED.code()))
                .withLock(LockModeType.PESSIMISTIC_READ)
                .firstResult();
    }

    private Uni<Void> entry(
            CarePlan p,
            UUID goalId,
            UUID interventionId,
            LocalDate day,
            String author,
            String text,
            BigDecimal value,
            String label) {
        if (PlanLifecycle.isFinal(p.status())) {
            return Uni.createFrom().voidItem();
        }
        ProgressEntry entry = new ProgressEntry();
        entry.id = UUID.randomUUID();
        entry.planId = p.id;
        entry.goalId = goalId;
        entry.interventionId = interventionId;
        entry.entryDate = day.isBefore(p.periodStart) ? p.periodStart : day;
        entry.authorId = author;
        entry.text = text;
        entry.measurementValue = value;
        entry.measurementLabel = label;
        entry.createdAt = Instant.now();
        return entry.persist()
                .chain(() -> audit.record(
                        Caller.system(p.agencyId, "careplans"),
                        AuditEntry.of(
                                AuditAction.CREATED, "progress-entry", entry.id.toString(), p.clientId.toString())))
                .replaceWithVoid();
    }
}
