package org.cairn.careplans.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.careplans.service.CarePlanService;
import org.cairn.careplans.service.Suggestions;
import org.cairn.careplans.service.SuiteEvents;
import org.cairn.contracts.events.AppointmentStatusChangedV1;
import org.cairn.contracts.events.AssessmentAmendedV1;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What care plans learn from the suite: cases from clients (a closed case ends its plan), identified
 * needs and scores from assessments, referral statuses from referrals, attendance from scheduling.
 */
@ApplicationScoped
public class CarePlanConsumers {

    private final Inbox inbox;
    private final EventHandlers clients;
    private final EventHandlers assessments;
    private final EventHandlers referrals;
    private final EventHandlers scheduling;

    CarePlanConsumers(
            Inbox inbox, CaseDirectory cases, Suggestions suggestions, CarePlanService plans, SuiteEvents suite) {
        this.inbox = inbox;
        this.clients =
                cases.handlers(EventHandlers.builder(), plans::caseClosed).build();
        this.assessments = EventHandlers.builder()
                .on(
                        AssessmentCompletedV1.class,
                        e -> suggestions
                                .needsIdentified(
                                        e.data().assessmentId(),
                                        e.data().instrumentId(),
                                        e.data().caseId(),
                                        e.data().clientId(),
                                        e.data().agencyId(),
                                        e.data().needs(),
                                        e.time())
                                .chain(() -> suite.assessmentScored(e.data())))
                .on(
                        AssessmentAmendedV1.class,
                        e -> suggestions.needsIdentified(
                                e.data().assessmentId(),
                                e.data().instrumentId(),
                                e.data().caseId(),
                                e.data().clientId(),
                                e.data().agencyId(),
                                e.data().needs(),
                                e.time()))
                .build();
        this.referrals = EventHandlers.builder()
                .on(
                        ReferralStatusChangedV1.class,
                        SuiteEvents::movesInterventions,
                        e -> suite.referralStatusChanged(e.data()))
                .on(ReferralAcceptedV1.class, e -> e.consentId() != null, e -> suite.referralAccepted(e.data()))
                .build();
        this.scheduling = EventHandlers.builder()
                .on(
                        AppointmentStatusChangedV1.class,
                        SuiteEvents::isVisitOutcome,
                        e -> suite.appointmentStatusChanged(e.data()))
                .build();
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("careplans.clients", message, clients);
    }

    @Incoming("assessments-in")
    Uni<Void> onAssessmentEvent(Message<String> message) {
        return inbox.process("careplans.assessments", message, assessments);
    }

    @Incoming("referrals-in")
    Uni<Void> onReferralEvent(Message<String> message) {
        return inbox.process("careplans.referrals", message, referrals);
    }

    @Incoming("scheduling-in")
    Uni<Void> onSchedulingEvent(Message<String> message) {
        return inbox.process("careplans.scheduling", message, scheduling);
    }
}
