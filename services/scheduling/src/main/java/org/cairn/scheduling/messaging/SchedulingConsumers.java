package org.cairn.scheduling.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.contracts.events.CarePlanReviewDateReachedV1;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.consents.ConsentDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.cairn.scheduling.service.Proposals;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What scheduling learns from the suite, through the inbox: cases and consents from clients, reviews
 * falling due from care plans, accepted referrals from referrals.
 */
@ApplicationScoped
public class SchedulingConsumers {

    private final Inbox inbox;
    private final EventHandlers clients;
    private final EventHandlers careplans;
    private final EventHandlers referrals;

    SchedulingConsumers(Inbox inbox, CaseDirectory cases, ConsentDirectory consents, Proposals proposals) {
        this.inbox = inbox;
        this.clients =
                consents.handlers(cases.handlers(EventHandlers.builder())).build();
        this.careplans = EventHandlers.builder()
                .on(CarePlanReviewDateReachedV1.class, e -> proposals.reviewDue(e.data()))
                .build();
        this.referrals = EventHandlers.builder()
                .on(ReferralAcceptedV1.class, e -> proposals.referralAccepted(e.data()))
                .build();
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("scheduling.clients", message, clients);
    }

    @Incoming("careplans-in")
    Uni<Void> onCarePlanEvent(Message<String> message) {
        return inbox.process("scheduling.careplans", message, careplans);
    }

    @Incoming("referrals-in")
    Uni<Void> onReferralEvent(Message<String> message) {
        return inbox.process("scheduling.referrals", message, referrals);
    }
}
