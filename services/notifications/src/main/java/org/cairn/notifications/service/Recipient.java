package org.cairn.notifications.service;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.cairn.contracts.vocabulary.NotificationChannel;

/**
 * Someone a notification is for, with what reaching them takes.
 *
 * @param kind {@code staff} or {@code client}
 * @param id the user id, or the client id
 * @param agencyId the agency whose rules and records the notification falls under
 * @param language the language messages to them are written in ({@code en}, {@code es})
 * @param addresses where each channel reaches them (in-app needs none, and only staff have it)
 * @param zone their time zone, for quiet hours, digests and the times shown
 * @param quietStart the start of their quiet hours, if they keep any
 * @param quietEnd the end of their quiet hours
 * @param digest whether their routine email waits for the daily digest
 * @param safeToContact false for a client who must get no SMS or email (it could reveal the service)
 * @param allowed the channels the recipient agreed to (a client's reminder channels); null for any
 */
public record Recipient(
        String kind,
        String id,
        String agencyId,
        String language,
        Map<NotificationChannel, String> addresses,
        ZoneId zone,
        LocalTime quietStart,
        LocalTime quietEnd,
        boolean digest,
        boolean safeToContact,
        Set<NotificationChannel> allowed) {

    public static final String STAFF = "staff";
    public static final String CLIENT = "client";

    public Recipient {
        addresses = Map.copyOf(addresses);
        allowed = allowed == null ? null : Set.copyOf(allowed);
    }

    public boolean isStaff() {
        return STAFF.equals(kind);
    }
}
