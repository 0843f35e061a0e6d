package org.cairn.careplans.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.careplans.service.CarePlanService;
import org.cairn.careplans.service.Suggestions;
import org.cairn.contracts.events.AssessmentAmendedV1;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What care plans learn from the suite: cases from clients (a closed case ends its plan), identified
 * needs from assessments.
 */
@ApplicationScoped
public class CarePlanConsumers {

    private final Inbox inbox;
    private final EventHandlers clients;
    private final EventHandlers assessments;

    CarePlanConsumers(Inbox inbox, CaseDirectory cases, Suggestions suggestions, CarePlanService plans) {
        this.inbox = inbox;
        this.clients =
                cases.handlers(EventHandlers.builder(), plans::caseClosed).build();
        this.assessments = EventHandlers.builder()
                .on(
                        AssessmentCompletedV1.class,
                        e -> suggestions.needsIdentified(
                                e.data().assessmentId(),
                                e.data().instrumentId(),
                                e.data().caseId(),
                                e.data().clientId(),
                                e.data().agencyId(),
                                e.data().needs(),
                                e.time()))
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
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("careplans.clients", message, clients);
    }

    @Incoming("assessments-in")
    Uni<Void> onAssessmentEvent(Message<String> message) {
        return inbox.process("careplans.assessments", message, assessments);
    }
}
