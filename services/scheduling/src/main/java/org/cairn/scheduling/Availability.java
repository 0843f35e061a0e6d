package org.cairn.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Free time and clashes, computed from what the database holds: weekly working hours in each
 * person's zone, their busy times (appointments booked or checked in, time off), and the times asked
 * for. Nothing here reads the database, so it is tested on its own.
 */
public final class Availability {

    /** Working hours on one weekday, in a zone. */
    public record WeeklyHours(DayOfWeek day, LocalTime start, LocalTime end, ZoneId zone) {}

    /** A time someone is taken: by an appointment, or by time off. */
    public record Busy(String who, Instant start, Instant end, String what) {}

    /** One asked-for time that clashes with someone's busy time. */
    public record Conflict(String who, String with, Instant start, Instant end, Instant occurrenceStart) {}

    private Availability() {}

    /**
     * The working time within [{@code from}, {@code to}) of weekly {@code hours}, day by day in each
     * entry's zone, so a 9:00 start stays 9:00 local on both sides of a daylight-saving change.
     */
    public static List<Interval> working(List<WeeklyHours> hours, Instant from, Instant to) {
        List<Interval> spans = new ArrayList<>();
        for (WeeklyHours h : hours) {
            LocalDate day = from.atZone(h.zone()).toLocalDate().minusDays(1);
            LocalDate last = to.atZone(h.zone()).toLocalDate();
            for (; !day.isAfter(last); day = day.plusDays(1)) {
                if (day.getDayOfWeek() != h.day()) {
                    continue;
                }
                Instant s = ZonedDateTime.of(day, h.start(), h.zone()).toInstant();
                Instant e = ZonedDateTime.of(day, h.end(), h.zone()).toInstant();
                Instant cs = s.isBefore(from) ? from : s;
                Instant ce = e.isAfter(to) ? to : e;
                if (cs.isBefore(ce)) {
                    spans.add(new Interval(cs, ce));
                }
            }
        }
        return Interval.normalized(spans);
    }

    /**
     * The windows of at least {@code length} within [{@code from}, {@code to}) when everyone is
     * working and nobody is busy. {@code hours} holds each person's working hours, {@code busy} their
     * busy times.
     */
    public static List<Interval> free(
            Map<String, List<WeeklyHours>> hours, List<Busy> busy, Instant from, Instant to, Duration length) {
        List<Interval> common = List.of(new Interval(from, to));
        for (Map.Entry<String, List<WeeklyHours>> person : hours.entrySet()) {
            List<Interval> theirs = Interval.minus(
                    working(person.getValue(), from, to),
                    busy.stream()
                            .filter(b -> b.who().equals(person.getKey()))
                            .map(b -> new Interval(b.start(), b.end()))
                            .toList());
            common = Interval.intersection(common, theirs);
        }
        return common.stream().filter(i -> i.length().compareTo(length) >= 0).toList();
    }

    /** Every clash of the asked-for {@code times} with {@code busy}, in order of the times asked. */
    public static List<Conflict> conflicts(List<Interval> times, List<Busy> busy) {
        List<Conflict> found = new ArrayList<>();
        for (Interval t : times) {
            for (Busy b : busy) {
                if (t.overlaps(new Interval(b.start(), b.end()))) {
                    found.add(new Conflict(b.who(), b.what(), b.start(), b.end(), t.start()));
                }
            }
        }
        return found;
    }
}
