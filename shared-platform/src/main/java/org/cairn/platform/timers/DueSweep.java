package org.cairn.platform.timers;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A periodic look for work that fell due (reminders, answer deadlines), where the due time lives in
 * the rows themselves so a restart loses nothing. A round claims at most a batch (with
 * {@code FOR UPDATE SKIP LOCKED}, so two instances never take the same row) and says how many it took;
 * rounds never overlap, a full batch is followed at once by another, and a failed round is logged
 * (without its data) and tried again at the next tick.
 */
public final class DueSweep {

    private static final Logger LOG = Logger.getLogger(DueSweep.class);

    private final Vertx vertx;
    private final Duration every;
    private final int batch;
    private final String what;
    private final Supplier<Uni<Integer>> round;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private final long timer;

    private DueSweep(Vertx vertx, Duration every, int batch, String what, Supplier<Uni<Integer>> round) {
        this.vertx = vertx;
        this.every = every;
        this.batch = batch;
        this.what = what;
        this.round = round;
        this.timer = vertx.setPeriodic(every.toMillis(), id -> check());
    }

    /**
     * Starts looking every {@code every}; {@code what} names the work in the log, {@code round} does
     * one batch of at most {@code batch} and says how many it did.
     */
    public static DueSweep start(Vertx vertx, Duration every, int batch, String what, Supplier<Uni<Integer>> round) {
        return new DueSweep(vertx, every, batch, what, round);
    }

    /** No more rounds; one running finishes on its own. */
    public void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    void check() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        round.get()
                .subscribe()
                .with(
                        n -> {
                            running.set(false);
                            if (n >= batch) {
                                check();
                            }
                        },
                        failure -> {
                            running.set(false);
                            LOG.warnf(
                                    "%s failed; tried again in %s: %s",
                                    what, every, failure.getClass().getSimpleName());
                        });
    }
}
