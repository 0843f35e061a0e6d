package org.cairn.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.cairn.platform.inbox.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Applies note events through the inbox; a poison note always fails; a negative sequence is passed over. */
@ApplicationScoped
public class NoteConsumer {

    /** Event id → System.nanoTime() right after the transaction that applied it committed. */
    public static final Map<String, Long> APPLIED_AT = new ConcurrentHashMap<>();

    private final Inbox inbox;
    private final EventHandlers handlers;

    NoteConsumer(Inbox inbox) {
        this.inbox = inbox;
        // a note with a negative sequence number asks nothing of this consumer
        this.handlers = EventHandlers.builder()
                .on(NoteWrittenV1.class, note -> note.seq() >= 0, this::apply)
                .build();
    }

    @Incoming("notes-in")
    Uni<Void> onNote(Message<String> message) {
        return inbox.process("platform-test.notes", message, handlers)
                .invoke(() -> Inbox.header(message, CloudEventHeaders.ID)
                        .ifPresent(id -> APPLIED_AT.putIfAbsent(id, System.nanoTime())));
    }

    private Uni<Void> apply(ReceivedEvent<NoteWrittenV1> event) {
        if (event.data().poison()) {
            return Uni.createFrom().failure(new IllegalStateException("poison note"));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into test_note_effect (event_id, client_id, seq) values (:id, :client, :seq)")
                        .setParameter("id", event.id())
                        .setParameter("client", event.clientId())
                        .setParameter("seq", event.data().seq())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
