package org.cairn.referrals.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.consents.ConsentDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.cairn.referrals.service.ReferralService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What referrals learns from the clients service: its cases and its consents, through the inbox. */
@ApplicationScoped
public class ClientEventsConsumer {

    private final Inbox inbox;
    private final EventHandlers handlers;

    ClientEventsConsumer(Inbox inbox, CaseDirectory cases, ConsentDirectory consents, ReferralService referrals) {
        this.inbox = inbox;
        // a consent's end also puts the referrals sent under it on hold, in the same transaction
        this.handlers = consents.handlers(cases.handlers(EventHandlers.builder()), referrals::consentEnded)
                .build();
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("referrals.clients", message, handlers);
    }
}
