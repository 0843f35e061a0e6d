package org.cairn.assessments.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cairn.assessments.service.CaseProjection;
import org.cairn.contracts.events.CaseAssignedV1;
import org.cairn.contracts.events.CaseClosedV1;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.events.CaseStatusChangedV1;
import org.cairn.contracts.events.CaseTransferredV1;
import org.cairn.contracts.events.ConsentExpiredV1;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.events.ConsentRevokedV1;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What assessments learns from the clients service: its cases and its consents, through the inbox. */
@ApplicationScoped
public class ClientEventsConsumer {

    private final Inbox inbox;
    private final EventHandlers handlers;

    ClientEventsConsumer(Inbox inbox, CaseProjection cases) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(CaseOpenedV1.class, e -> cases.opened(e.data(), e.time()))
                .on(CaseAssignedV1.class, e -> cases.assigned(e.data(), e.time()))
                .on(CaseTransferredV1.class, e -> cases.transferred(e.data(), e.time()))
                .on(CaseStatusChangedV1.class, e -> cases.statusChanged(e.data(), e.time()))
                .on(CaseClosedV1.class, e -> cases.closed(e.data(), e.time()))
                .on(ConsentGrantedV1.class, e -> cases.consentGranted(e.data(), e.time()))
                .on(ConsentRevokedV1.class, e -> cases.consentRevoked(e.data(), e.time()))
                .on(ConsentExpiredV1.class, e -> cases.consentExpired(e.data(), e.time()))
                .build();
    }

    @Incoming("clients-in")
    Uni<Void> onClientEvent(Message<String> message) {
        return inbox.process("assessments.clients", message, handlers);
    }
}
