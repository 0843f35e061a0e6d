package org.cairn.platform.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;

/**
 * Audit records that belong to no transaction of the caller (those of reads) are committed together:
 * while one batch is being written, the records that arrive wait and go in the next one. Each caller
 * still gets its answer only after its own record is committed, so no read is ever served without
 * its audit record; under load a hundred reads cost one transaction instead of a hundred, and when
 * idle a record is written at once, with no timer to wait for.
 *
 * <p>The batches go through {@link Outbox#addInOwnTransaction}, on the platform's own datasource,
 * never the requests' pool: a REST method's Hibernate session holds its connection until it
 * answers, so with every pooled connection held by a read waiting for its record, a batch on that
 * pool would wait for a connection that none of them releases.
 */
@ApplicationScoped
class GroupCommit {

    /** At most this many records per transaction, so a backlog drains in bounded statements. */
    static final int MAX_BATCH = 256;

    private record Pending(OutboxMessage message, UniEmitter<? super Void> emitter, Context context) {}

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final Outbox outbox;

    GroupCommit(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Completes once the record is committed; fails if its batch could not be. */
    Uni<Void> add(OutboxMessage message) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(message, emitter, Vertx.currentContext()));
            writeNext();
        });
    }

    private void writeNext() {
        if (!writing.compareAndSet(false, true)) {
            return; // the batch in progress will look at the queue again when it ends
        }
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            // A record may have arrived between the poll and the reset, finding the flag still set.
            if (!queue.isEmpty()) {
                writeNext();
            }
            return;
        }
        List<OutboxMessage> messages = new ArrayList<>(batch.size());
        batch.forEach(p -> messages.add(p.message()));
        outbox.addInOwnTransaction(messages)
                .subscribe()
                .with(
                        ids -> {
                            writing.set(false);
                            batch.forEach(p -> answer(p, null));
                            writeNext();
                        },
                        failure -> {
                            writing.set(false);
                            batch.forEach(p -> answer(p, failure));
                            writeNext();
                        });
    }

    /** Answers each caller on its own Vert.x context, where the rest of its request runs. */
    private static void answer(Pending p, Throwable failure) {
        Runnable done = failure == null
                ? () -> p.emitter().complete(null)
                : () -> p.emitter().fail(failure);
        if (p.context() != null) {
            p.context().runOnContext(ignored -> done.run());
        } else {
            done.run();
        }
    }
}
