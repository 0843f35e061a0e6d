package org.cairn.notifications.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import org.cairn.notifications.service.People;
import org.cairn.platform.problem.Problems;

/** What requests share: phone numbers, quiet hours, time zones. */
final class Requests {

    /** E.164: a plus, then 8 to 15 digits. */
    static final String PHONE = "\\+[1-9][0-9]{7,14}";

    static final String PHONE_MESSAGE = "an E.164 phone number, e.g. +15550102020";

    /** Quiet hours as local times, e.g. 21:00 to 07:00. */
    record Quiet(
            @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "a local time, e.g. 21:00")
            String start,

            @NotNull @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "a local time, e.g. 07:00")
            String end) {}

    private Requests() {}

    static People.QuietHours quiet(Quiet q) {
        if (q == null) {
            return null;
        }
        LocalTime start = LocalTime.parse(q.start());
        LocalTime end = LocalTime.parse(q.end());
        if (start.equals(end)) {
            throw Problems.invalid("quietHours.end", "quiet hours end at another time than they start");
        }
        return new People.QuietHours(start, end);
    }

    static ZoneId zone(String zone) {
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw Problems.invalid("timeZone", "an IANA time zone, e.g. America/Chicago");
        }
    }
}
