package org.cairn.clients.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.clients.service.AccessGrants;
import org.cairn.contracts.events.AssessmentCrisisIdentifiedV1;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the clients service learns from the others: an accepted referral gives the receiving agency
 * access to the client (and a case in status referred); an assessment's crisis result flags the
 * case. Both go through the inbox, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ClientsConsumers {

    private final Inbox inbox;
    private final EventHandlers referrals;
    private final EventHandlers assessments;

    ClientsConsumers(Inbox inbox, AccessGrants grants) {
        this.inbox = inbox;
        this.referrals = EventHandlers.builder()
                .on(ReferralAcceptedV1.class, event -> grants.referralAccepted(event.data()))
                .build();
        this.assessments = EventHandlers.builder()
                .on(AssessmentCrisisIdentifiedV1.class, event -> grants.crisisIdentified(event.data()))
                .build();
    }

    @Incoming("referrals-in")
    Uni<Void> onReferralEvent(Message<String> message) {
        return inbox.process("clients.referrals", message, referrals);
    }

    @Incoming("assessments-in")
    Uni<Void> onAssessmentEvent(Message<String> message) {
        return inbox.process("clients.assessments", message, assessments);
    }
}
