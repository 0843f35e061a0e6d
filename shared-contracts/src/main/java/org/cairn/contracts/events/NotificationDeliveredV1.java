package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.NotificationChannel;

/**
 * A notification reached its recipient on a channel beyond the app: accepted by the mail server or
 * the push provider, or reported delivered by the SMS provider. (An in-app item is delivered by being
 * written, and not told.) No message text travels with it.
 *
 * @param notificationId the notification (one per source event and recipient)
 * @param deliveryId the delivery on this channel
 * @param agencyId the agency the notification is about
 * @param clientId the client the source event was about, if any
 * @param recipientUserId the staff member it reached; absent when the recipient is the client
 * @param sourceEventType the CloudEvents type of the event that caused it
 * @param channel the channel
 * @param providerId the provider's id of the message, if it gave one
 * @param deliveredAt when
 */
@EventType(name = "cairn.notification.delivered.v1", topic = Topics.NOTIFICATIONS)
public record NotificationDeliveredV1(
        String notificationId,
        String deliveryId,
        String agencyId,
        String clientId,
        String recipientUserId,
        String sourceEventType,
        NotificationChannel channel,
        String providerId,
        Instant deliveredAt) {}
