package org.cairn.notifications.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cairn.contracts.events.AppointmentReminderTimeReachedV1;
import org.cairn.contracts.events.AssessmentCrisisIdentifiedV1;
import org.cairn.contracts.events.AuditAlertRaisedV1;
import org.cairn.contracts.events.CarePlanReturnedV1;
import org.cairn.contracts.events.CarePlanSubmittedV1;
import org.cairn.contracts.events.CaseCrisisFlaggedV1;
import org.cairn.contracts.events.CaseOutreachFlaggedV1;
import org.cairn.contracts.events.ReferralEscalatedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.notifications.Occasion;
import org.cairn.notifications.service.Notifier;
import org.cairn.notifications.service.Occasions;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.inbox.EventHandlers;
import org.cairn.platform.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What notifications hears from the suite, each event once through the inbox, on one channel over
 * six topics: cases (who manages which), crises flagged by hand and transfers from clients; crises
 * from assessments; submitted and returned plans; referrals sent, answered, completed and escalated;
 * appointment reminders and outreach flags from scheduling; alerts from audit. Every event type
 * belongs to one topic, so one set of handlers serves them all. A poll is applied at a time, in one
 * transaction; a record that fails on its own goes to {@code cairn.notifications.suite-in.dlq}.
 */
@ApplicationScoped
public class NotificationConsumers {

    private final Inbox inbox;
    private final EventHandlers handlers;
    private final MutinyEmitter<String> deadLetters;

    NotificationConsumers(
            Inbox inbox,
            CaseDirectory cases,
            Notifier notifier,
            @Channel("suite-dead-letters") MutinyEmitter<String> deadLetters) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.handlers = cases.handlers(
                        EventHandlers.builder(),
                        e -> tell(notifier, Occasions.transferred(e)),
                        e -> Uni.createFrom().voidItem())
                .on(CaseCrisisFlaggedV1.class, e -> maybe(notifier, Occasions.crisisFlagged(e)))
                .on(AssessmentCrisisIdentifiedV1.class, e -> tell(notifier, Occasions.crisis(e)))
                .on(CarePlanSubmittedV1.class, e -> tell(notifier, Occasions.planSubmitted(e)))
                .on(CarePlanReturnedV1.class, e -> tell(notifier, Occasions.planReturned(e)))
                .on(ReferralStatusChangedV1.class, e -> maybe(notifier, Occasions.referralChanged(e)))
                .on(ReferralEscalatedV1.class, e -> tell(notifier, Occasions.referralEscalated(e)))
                .on(AppointmentReminderTimeReachedV1.class, e -> tell(notifier, Occasions.reminder(e)))
                .on(CaseOutreachFlaggedV1.class, e -> tell(notifier, Occasions.outreach(e)))
                .on(AuditAlertRaisedV1.class, e -> tell(notifier, Occasions.auditAlert(e)))
                .build();
    }

    private static Uni<Void> tell(Notifier notifier, Occasion occasion) {
        return notifier.notify(occasion).replaceWithVoid();
    }

    private static Uni<Void> maybe(Notifier notifier, Optional<Occasion> occasion) {
        return occasion.map(o -> tell(notifier, o))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    @Incoming("suite-in")
    Uni<Void> onEvents(Message<List<String>> batch) {
        return inbox.processBatch("notifications.suite", batch, handlers, this::deadLetter);
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable failure) {
        return deadLetters.sendMessage(Inbox.deadLetter(
                record, "refused by notifications: " + failure.getClass().getName()));
    }
}
