package org.cairn.careplans.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cairn.careplans.CarePlan;
import org.cairn.contracts.events.CarePlanReviewDateReachedV1;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.jboss.logging.Logger;

/**
 * Tells, once per due date, that an active plan's review has fallen due, so that scheduling can
 * propose a review appointment and notifications can remind the case manager. With several instances
 * running, a plan's row lock decides which tells it; the other finds it told.
 */
@ApplicationScoped
public class ReviewsDue {

    private static final Logger LOG = Logger.getLogger(ReviewsDue.class);
    static final int BATCH = 100;

    private final CaseDirectory cases;
    private final Outbox outbox;

    ReviewsDue(CaseDirectory cases, Outbox outbox) {
        this.cases = cases;
        this.outbox = outbox;
    }

    @Scheduled(
            every = "${careplans.review-due-check:60s}",
            delayed = "${careplans.review-due-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return tellDue(LocalDate.now(ZoneOffset.UTC))
                .onFailure()
                .invoke(e ->
                        LOG.warnf("Review-due check failed: %s", e.getClass().getName()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Tells the reviews due by {@code today} not told yet, a batch at a time; how many it told. */
    public Uni<Integer> tellDue(LocalDate today) {
        return Panache.withTransaction(() -> CarePlan.<CarePlan>find(
                        "status = 'active' and nextReviewOn <= ?1"
                                + " and (reviewDueToldOn is null or reviewDueToldOn < nextReviewOn)"
                                + " order by nextReviewOn",
                        today)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, BATCH)
                .list()
                .chain(due -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (CarePlan p : due) {
                        p.reviewDueToldOn = p.nextReviewOn;
                        all = all.chain(() -> cases.find(p.caseId, p.agencyId)
                                .chain(c -> outbox.add(new OutboxMessage(
                                        CarePlanService.RESOURCE,
                                        p.clientId.toString(),
                                        p.agencyId,
                                        new CarePlanReviewDateReachedV1(
                                                p.id.toString(),
                                                p.caseId.toString(),
                                                p.clientId.toString(),
                                                p.agencyId,
                                                c == null ? null : c.primaryCaseManagerId(),
                                                p.nextReviewOn,
                                                Instant.now()))))
                                .replaceWithVoid());
                    }
                    return all.replaceWith(due.size());
                }));
    }
}
