package org.cairn.assessments.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.assessments.service.ConsentProjection;
import org.cairn.contracts.events.ConsentExpiredV1;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.events.ConsentRevokedV1;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What assessments learns from the clients service: its cases and its consents, through the inbox. */
@ApplicationScoped
public class ClientEventsConsumer {

    private final Inbox inbox;
    private final EventHandlers handlers;

    ClientEventsConsumer(Inbox inbox, CaseDirectory cases, ConsentProjection consents) {
        this.inbox = inbox;
        this.handlers = cases.handlers(EventHandlers.builder())
                .on(ConsentGrantedV1.class, e -> consents.consentGranted(e.data(), e.time()))
                .on(ConsentRevokedV1.class, e -> consents.consentRevoked(e.data(), e.time()))
                .on(ConsentExpiredV1.class, e -> consents.consentExpired(e.data(), e.time()))
                .build();
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("assessments.clients", message, handlers);
    }
}
