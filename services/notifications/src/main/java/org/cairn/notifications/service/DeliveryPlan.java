package org.cairn.notifications.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.NotificationUrgency;

/**
 * Which deliveries a notification gets, when: the rule's channels that the recipient can be reached
 * on and agreed to, in-app stored at once, the others now or (unless it is a crisis) when the
 * recipient's quiet hours end, routine email of someone who wants a digest at the digest's hour. A
 * recipient with no usable channel gets one undeliverable record, so the gap is visible.
 */
public final class DeliveryPlan {

    /** One planned delivery. */
    public record Planned(
            UUID id,
            NotificationChannel channel,
            String address,
            String status,
            boolean digest,
            Instant dueAt,
            String reason) {}

    /** The order urgent notifications fall back in when a channel fails. */
    public static final List<NotificationChannel> FALLBACK = List.of(
            NotificationChannel.SMS, NotificationChannel.EMAIL, NotificationChannel.PUSH, NotificationChannel.IN_APP);

    private DeliveryPlan() {}

    /**
     * Plans the deliveries.
     *
     * @param usable the external channels this instance can send on (configured providers)
     */
    public static List<Planned> plan(
            Recipient recipient,
            List<NotificationChannel> channels,
            NotificationUrgency urgency,
            Instant now,
            Set<NotificationChannel> usable,
            LocalTime digestAt) {
        List<Planned> out = new ArrayList<>();
        boolean blocked = false;
        Instant external = urgency == NotificationUrgency.CRISIS
                ? now
                : quietEnd(now, recipient.zone(), recipient.quietStart(), recipient.quietEnd())
                        .orElse(now);
        for (NotificationChannel channel : channels) {
            if (channel == NotificationChannel.IN_APP) {
                if (recipient.isStaff()) {
                    out.add(new Planned(UUID.randomUUID(), channel, null, "delivered", false, null, null));
                }
                continue;
            }
            if (!usable(recipient, channel, usable)) {
                continue;
            }
            if (!recipient.safeToContact()) {
                blocked = true;
                continue;
            }
            boolean digest = recipient.digest()
                    && urgency == NotificationUrgency.ROUTINE
                    && channel == NotificationChannel.EMAIL;
            Instant due = digest ? nextAt(external, recipient.zone(), digestAt) : external;
            out.add(new Planned(
                    UUID.randomUUID(), channel, recipient.addresses().get(channel), "queued", digest, due, null));
        }
        if (out.isEmpty()) {
            NotificationChannel first = channels.isEmpty() ? NotificationChannel.IN_APP : channels.get(0);
            out.add(new Planned(
                    UUID.randomUUID(),
                    first,
                    null,
                    "undeliverable",
                    false,
                    null,
                    blocked ? "not-safe-to-contact" : "no-usable-channel"));
        }
        return out;
    }

    /** Whether a channel can reach the recipient: an address, an adapter, and their agreement. */
    public static boolean usable(Recipient recipient, NotificationChannel channel, Set<NotificationChannel> usable) {
        if (channel == NotificationChannel.IN_APP) {
            return recipient.isStaff();
        }
        return usable.contains(channel)
                && recipient.addresses().get(channel) != null
                && (recipient.allowed() == null || recipient.allowed().contains(channel));
    }

    /**
     * When the quiet hours {@code now} falls in end; empty outside them. A window may run past
     * midnight (22:00 to 07:00); local times are those of {@code zone} on the day in question.
     */
    public static Optional<Instant> quietEnd(Instant now, ZoneId zone, LocalTime start, LocalTime end) {
        if (start == null || end == null || start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end)
                    ? Optional.of(day.atTime(end).atZone(zone).toInstant())
                    : Optional.empty();
        }
        if (!t.isBefore(start)) {
            return Optional.of(day.plusDays(1).atTime(end).atZone(zone).toInstant());
        }
        if (t.isBefore(end)) {
            return Optional.of(day.atTime(end).atZone(zone).toInstant());
        }
        return Optional.empty();
    }

    /** The first {@code at} (local time in {@code zone}) at or after {@code from}. */
    public static Instant nextAt(Instant from, ZoneId zone, LocalTime at) {
        ZonedDateTime local = from.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(at).atZone(zone);
        return (today.isBefore(local) ? today.plusDays(1) : today).toInstant();
    }
}
