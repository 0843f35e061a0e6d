package org.cairn.notifications.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cairn.contracts.events.AppointmentReminderTimeReachedV1;
import org.cairn.contracts.events.AssessmentCrisisIdentifiedV1;
import org.cairn.contracts.events.AuditAlertRaisedV1;
import org.cairn.contracts.events.CarePlanReturnedV1;
import org.cairn.contracts.events.CarePlanSubmittedV1;
import org.cairn.contracts.events.CaseCrisisFlaggedV1;
import org.cairn.contracts.events.CaseOutreachFlaggedV1;
import org.cairn.contracts.events.CaseTransferredV1;
import org.cairn.contracts.events.ReferralEscalatedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.contracts.vocabulary.ReminderRecipient;
import org.cairn.notifications.Audience;
import org.cairn.notifications.Occasion;
import org.cairn.platform.inbox.ReceivedEvent;

/**
 * Turns the suite's events into occasions: which kind of news each is, whom it names, and what a
 * message about it may show (codes, times, a link; never a client's name or a note). Events that
 * notify nobody (a referral put on hold, a crisis flag an assessment raised, which its own crisis
 * event already told) make none.
 */
public final class Occasions {

    private Occasions() {}

    public static Occasion crisis(ReceivedEvent<AssessmentCrisisIdentifiedV1> e) {
        AssessmentCrisisIdentifiedV1 d = e.data();
        return occasion(
                "crisis",
                e,
                d.agencyId(),
                null,
                d.clientId(),
                d.caseId(),
                Map.of(),
                Map.of(
                        "detail", d.severity().code(),
                        "source", d.instrumentId(),
                        "link", "/cases/" + d.caseId()));
    }

    /** A crisis flagged by hand; one raised by an assessment was told by the assessment's own event. */
    public static Optional<Occasion> crisisFlagged(ReceivedEvent<CaseCrisisFlaggedV1> e) {
        CaseCrisisFlaggedV1 d = e.data();
        if (d.source() != CaseCrisisFlaggedV1.Source.MANUAL) {
            return Optional.empty();
        }
        return Optional.of(occasion(
                "crisis",
                e,
                d.agencyId(),
                null,
                d.clientId(),
                d.caseId(),
                Map.of(),
                Map.of("detail", "flagged", "source", "manual", "link", "/cases/" + d.caseId())));
    }

    public static Optional<Occasion> referralChanged(ReceivedEvent<ReferralStatusChangedV1> e) {
        ReferralStatusChangedV1 d = e.data();
        String name = switch (d.status()) {
            case REQUESTED -> "referral-received";
            case ACCEPTED -> "referral-accepted";
            case REJECTED -> "referral-rejected";
            case COMPLETED -> "referral-completed";
            default -> null;
        };
        if (name == null) {
            return Optional.empty();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("link", "/referrals/" + d.referralId());
        if (d.outcome() != null) {
            params.put("detail", d.outcome().code());
        }
        return Optional.of(occasion(
                name, e, d.sendingAgencyId(), d.receivingAgencyId(), d.clientId(), d.caseId(), Map.of(), params));
    }

    public static Occasion referralEscalated(ReceivedEvent<ReferralEscalatedV1> e) {
        ReferralEscalatedV1 d = e.data();
        return occasion(
                "referral-escalated",
                e,
                d.sendingAgencyId(),
                d.receivingAgencyId(),
                d.clientId(),
                d.caseId(),
                d.referringUserId() == null
                        ? Map.of()
                        : Map.of(Audience.REFERRING_CASE_MANAGER, List.of(d.referringUserId())),
                Map.of(
                        "detail",
                        d.urgency().code(),
                        "at",
                        d.respondBy().toString(),
                        "link",
                        "/referrals/" + d.referralId()));
    }

    public static Occasion planSubmitted(ReceivedEvent<CarePlanSubmittedV1> e) {
        CarePlanSubmittedV1 d = e.data();
        return occasion(
                "care-plan-submitted",
                e,
                d.agencyId(),
                null,
                d.clientId(),
                d.caseId(),
                Map.of(),
                Map.of("count", d.version(), "link", "/care-plans/" + d.planId()));
    }

    public static Occasion planReturned(ReceivedEvent<CarePlanReturnedV1> e) {
        CarePlanReturnedV1 d = e.data();
        return occasion(
                "care-plan-returned",
                e,
                d.agencyId(),
                null,
                d.clientId(),
                d.caseId(),
                Map.of(),
                Map.of("count", d.version(), "link", "/care-plans/" + d.planId()));
    }

    /** A reminder for the client names no staff; one for the staff names its participants. */
    public static Occasion reminder(ReceivedEvent<AppointmentReminderTimeReachedV1> e) {
        AppointmentReminderTimeReachedV1 d = e.data();
        Map<Audience, List<String>> named = d.recipient() == ReminderRecipient.STAFF
                ? Map.of(Audience.STAFF_PARTICIPANTS, d.staffUserIds())
                : Map.of();
        return occasion(
                "appointment-reminder",
                e,
                d.agencyId(),
                null,
                d.clientId(),
                d.caseId(),
                named,
                Map.of(
                        "for", d.recipient().code(),
                        "at", d.startsAt().toString(),
                        "zone", d.timeZone(),
                        "detail", d.kind().code(),
                        "mode", d.mode().code(),
                        "link", "/appointments/" + d.appointmentId()));
    }

    public static Occasion transferred(ReceivedEvent<CaseTransferredV1> e) {
        CaseTransferredV1 d = e.data();
        return occasion(
                "case-transferred",
                e,
                d.agencyId(),
                null,
                d.clientId(),
                d.caseId(),
                Map.of(
                        Audience.PREVIOUS_CASE_MANAGER, List.of(d.fromCaseManagerId()),
                        Audience.NEW_CASE_MANAGER, List.of(d.toCaseManagerId())),
                Map.of("link", "/cases/" + d.caseId()));
    }

    public static Occasion outreach(ReceivedEvent<CaseOutreachFlaggedV1> e) {
        CaseOutreachFlaggedV1 d = e.data();
        return occasion(
                "outreach-flagged",
                e,
                d.agencyId(),
                null,
                d.clientId(),
                d.caseId(),
                Map.of(),
                Map.of("count", d.noShows(), "link", "/cases/" + d.caseId()));
    }

    public static Occasion auditAlert(ReceivedEvent<AuditAlertRaisedV1> e) {
        AuditAlertRaisedV1 d = e.data();
        return occasion(
                "audit-alert",
                e,
                d.agencyId(),
                null,
                null,
                null,
                Map.of(),
                // the link is the audit trail's own question: what this user accessed in that hour
                Map.of(
                        "detail",
                        d.rule().code(),
                        "count",
                        d.count(),
                        "link",
                        "/audit/users/" + d.userId() + "/records?from=" + d.windowStart() + "&to="
                                + d.windowStart().plus(Duration.ofHours(1))));
    }

    private static Occasion occasion(
            String name,
            ReceivedEvent<?> e,
            String agencyId,
            String otherAgencyId,
            String clientId,
            String caseId,
            Map<Audience, List<String>> named,
            Map<String, Object> params) {
        return new Occasion(
                name,
                e.id(),
                e.type(),
                e.time(),
                agencyId,
                otherAgencyId,
                clientId == null ? null : UUID.fromString(clientId),
                caseId == null ? null : UUID.fromString(caseId),
                named,
                params);
    }
}
