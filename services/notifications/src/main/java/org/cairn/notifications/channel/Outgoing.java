package org.cairn.notifications.channel;

import java.util.UUID;

/**
 * One message to send on a channel.
 *
 * @param deliveryId the delivery: sent along as the provider's idempotency key and the email's
 *     Message-ID, so a resend after a crash mid-send can be recognised downstream
 * @param address the email address, phone number or device token
 * @param title the subject (email) or title (push)
 * @param body the text
 */
public record Outgoing(UUID deliveryId, String address, String title, String body) {}
