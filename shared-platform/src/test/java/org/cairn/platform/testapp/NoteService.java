package org.cairn.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problems;

/** Writes notes the way a service writes its state: entity, outbox event and audit in one transaction. */
@ApplicationScoped
public class NoteService {

    /** Event id → System.nanoTime() right after the transaction that added it committed. */
    public static final Map<String, Long> COMMITTED_AT = new ConcurrentHashMap<>();

    private final Outbox outbox;
    private final AuditTrail audit;
    private final io.vertx.mutiny.sqlclient.Pool pool;

    NoteService(Outbox outbox, AuditTrail audit, io.vertx.mutiny.sqlclient.Pool pool) {
        this.outbox = outbox;
        this.audit = audit;
        this.pool = pool;
    }

    public Uni<TestNote> create(String agencyId, NoteRequest request) {
        return Panache.withTransaction(() -> write(
                        agencyId, request.clientId(), request.reference(), request.text(), 0, false)
                .call(note -> audit.record(
                        AuditEntry.of(AuditAction.CREATED, "test-note", note.id.toString(), note.clientId))));
    }

    /** Like create, but fails after writing: nothing of it may survive. */
    public Uni<TestNote> createThenFail(String agencyId, NoteRequest request) {
        return Panache.withTransaction(() -> write(
                        agencyId, request.clientId(), request.reference(), request.text(), 0, false)
                .chain(note -> Uni.createFrom()
                        .failure(Problems.conflict("test-rollback", "The test asked for a rollback."))));
    }

    /**
     * The same write on a pool connection's transaction, without Hibernate (as a hot path writes):
     * note, event and audit record commit together, or with {@code fail} none of them does.
     */
    public Uni<UUID> createOnPool(String agencyId, NoteRequest request, boolean fail) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "insert into test_note (id, agency_id, client_id, text, created_at) values ($1, $2, $3, $4, now())")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, agencyId, request.clientId(), request.text()))
                        .chain(() -> outbox.addOn(
                                conn,
                                new OutboxMessage(
                                        "test-note",
                                        request.clientId(),
                                        agencyId,
                                        new NoteWrittenV1(id.toString(), request.clientId(), 1, false))))
                        .chain(() -> audit.recordOn(
                                conn,
                                AuditEntry.of(AuditAction.CREATED, "test-note", id.toString(), request.clientId())))
                        .chain(() -> fail
                                ? Uni.createFrom()
                                        .<Void>failure(
                                                Problems.conflict("test-rollback", "The test asked for a rollback."))
                                : Uni.createFrom().voidItem()))
                .replaceWith(id);
    }

    public Uni<TestNote> find(String agencyId, UUID id) {
        return Panache.withSession(() -> TestNote.<TestNote>find("id = ?1 and agencyId = ?2", id, agencyId)
                        .firstResult())
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("note", id))
                .call(note -> audit.record(
                        AuditEntry.of(AuditAction.VIEWED, "test-note", note.id.toString(), note.clientId)));
    }

    /**
     * One committed transaction with one note and its event, outside any request (tests and the
     * benchmark call it directly). Returns the event id.
     */
    public Uni<String> writeCommitted(String agencyId, String clientId, int seq, boolean poison) {
        String[] eventId = new String[1];
        return Panache.withTransaction(() -> write(agencyId, clientId, null, "note " + seq, seq, poison, eventId))
                .map(note -> {
                    COMMITTED_AT.put(eventId[0], System.nanoTime());
                    return eventId[0];
                });
    }

    /** One committed transaction holding only an archive event. */
    public Uni<Void> archiveCommitted(String agencyId, String clientId, int seq) {
        return Panache.withTransaction(() -> outbox.add(
                        new OutboxMessage("test-note", clientId, agencyId, new NoteArchivedV1(clientId, seq))))
                .replaceWithVoid();
    }

    private Uni<TestNote> write(
            String agencyId, String clientId, String reference, String text, int seq, boolean poison) {
        return write(agencyId, clientId, reference, text, seq, poison, new String[1]);
    }

    private Uni<TestNote> write(
            String agencyId,
            String clientId,
            String reference,
            String text,
            int seq,
            boolean poison,
            String[] eventId) {
        TestNote note = new TestNote();
        note.id = UUID.randomUUID();
        note.agencyId = agencyId;
        note.clientId = clientId;
        note.reference = reference;
        note.text = text;
        note.createdAt = Instant.now();
        return note.<TestNote>persist()
                .call(() -> outbox.add(new OutboxMessage(
                                "test-note",
                                clientId,
                                agencyId,
                                new NoteWrittenV1(note.id.toString(), clientId, seq, poison)))
                        .invoke(id -> eventId[0] = id.toString()))
                .replaceWith(note);
    }
}
