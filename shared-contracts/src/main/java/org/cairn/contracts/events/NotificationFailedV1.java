package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.NotificationChannel;

/**
 * A notification could not be delivered on a channel: the provider refused it, the retries ran out, or
 * the recipient has no channel that may be used. No message text travels with it.
 *
 * @param notificationId the notification
 * @param deliveryId the delivery that failed
 * @param agencyId the agency the notification is about
 * @param clientId the client the source event was about, if any
 * @param recipientUserId the staff member it was for; absent when the recipient is the client
 * @param sourceEventType the CloudEvents type of the event that caused it
 * @param channel the channel that failed
 * @param reason why, as a short code: {@code provider-rejected}, {@code retries-exhausted},
 *     {@code no-usable-channel}, {@code not-safe-to-contact}
 * @param attempts how many sends were tried
 * @param fallbackChannel the channel tried next, for an urgent notification, if any
 * @param failedAt when
 */
@EventType(name = "cairn.notification.failed.v1", topic = Topics.NOTIFICATIONS)
public record NotificationFailedV1(
        String notificationId,
        String deliveryId,
        String agencyId,
        String clientId,
        String recipientUserId,
        String sourceEventType,
        NotificationChannel channel,
        String reason,
        int attempts,
        NotificationChannel fallbackChannel,
        Instant failedAt) {}
