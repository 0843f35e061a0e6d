package org.cairn.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Free slots from working hours and busy times, and clash detection, without a database. */
class AvailabilityTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Instant ny(String local) {
        return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
    }

    static List<Availability.WeeklyHours> weekdays(int from, int to, ZoneId zone) {
        return List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                .stream()
                .map(d -> new Availability.WeeklyHours(d, LocalTime.of(from, 0), LocalTime.of(to, 0), zone))
                .toList();
    }

    @Test
    void workingHours_stayAtNineLocal_onBothSidesOfTheSpringChange() {
        List<Interval> spans =
                Availability.working(weekdays(9, 17, NEW_YORK), ny("2026-03-06T00:00"), ny("2026-03-10T00:00"));

        // Friday 6 March (EST) and Monday 9 March (EDT): 9:00 local each, one hour apart in UTC
        assertThat(spans)
                .containsExactly(
                        new Interval(ny("2026-03-06T09:00"), ny("2026-03-06T17:00")),
                        new Interval(ny("2026-03-09T09:00"), ny("2026-03-09T17:00")));
        assertThat(spans.get(0).start().toString()).isEqualTo("2026-03-06T14:00:00Z");
        assertThat(spans.get(1).start().toString()).isEqualTo("2026-03-09T13:00:00Z");
    }

    @Test
    void freeSlots_ofThreePeople_areWhenAllWorkAndNoneIsBusy() {
        Instant from = ny("2026-03-09T00:00");
        Instant to = ny("2026-03-10T00:00");
        Map<String, List<Availability.WeeklyHours>> hours = Map.of(
                "ana", weekdays(9, 17, NEW_YORK),
                "ben", weekdays(10, 18, NEW_YORK),
                // 15:00 to 23:00 in Berlin is 10:00 to 18:00 in New York in the week US time changed first
                "cleo", weekdays(15, 23, BERLIN));
        List<Availability.Busy> busy = List.of(
                new Availability.Busy("ana", ny("2026-03-09T11:00"), ny("2026-03-09T12:00"), "appointment"),
                new Availability.Busy("ben", ny("2026-03-09T13:30"), ny("2026-03-09T14:00"), "time-off"),
                new Availability.Busy("someone-else", ny("2026-03-09T10:00"), ny("2026-03-09T17:00"), "appointment"));

        List<Interval> free = Availability.free(hours, busy, from, to, Duration.ofMinutes(45));

        // everyone works 10:00 to 17:00 New York time; ana is busy 11 to 12, ben 13:30 to 14
        assertThat(free)
                .containsExactly(
                        new Interval(ny("2026-03-09T10:00"), ny("2026-03-09T11:00")),
                        new Interval(ny("2026-03-09T12:00"), ny("2026-03-09T13:30")),
                        new Interval(ny("2026-03-09T14:00"), ny("2026-03-09T17:00")));
        // asked for 90 minutes, the hour from 10:00 is too short
        assertThat(Availability.free(hours, busy, from, to, Duration.ofMinutes(90)))
                .containsExactly(
                        new Interval(ny("2026-03-09T12:00"), ny("2026-03-09T13:30")),
                        new Interval(ny("2026-03-09T14:00"), ny("2026-03-09T17:00")));
    }

    @Test
    void conflicts_areEveryOverlap_butTouchingEndsAreNone() {
        List<Availability.Busy> busy = List.of(
                new Availability.Busy("ana", ny("2026-03-09T10:00"), ny("2026-03-09T11:00"), "appointment"),
                new Availability.Busy("client", ny("2026-03-09T10:30"), ny("2026-03-09T10:45"), "appointment"),
                new Availability.Busy("ben", ny("2026-03-09T08:00"), ny("2026-03-09T17:00"), "time-off"));

        List<Availability.Conflict> found =
                Availability.conflicts(List.of(new Interval(ny("2026-03-09T10:15"), ny("2026-03-09T10:40"))), busy);
        assertThat(found).extracting(Availability.Conflict::who).containsExactly("ana", "client", "ben");
        assertThat(found)
                .extracting(Availability.Conflict::with)
                .containsExactly("appointment", "appointment", "time-off");

        assertThat(Availability.conflicts(
                        List.of(new Interval(ny("2026-03-09T11:00"), ny("2026-03-09T12:00"))), busy.subList(0, 2)))
                .isEmpty();
    }

    @Test
    void intervalArithmetic_joinsSubtractsAndIntersects() {
        Instant t0 = ny("2026-03-09T09:00");
        Interval nineToFive = new Interval(t0, t0.plus(Duration.ofHours(8)));
        List<Interval> left = Interval.minus(
                List.of(nineToFive),
                List.of(
                        new Interval(t0.plus(Duration.ofHours(1)), t0.plus(Duration.ofHours(2))),
                        new Interval(t0.plus(Duration.ofMinutes(90)), t0.plus(Duration.ofHours(3))),
                        new Interval(t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofMinutes(30)))));
        assertThat(left)
                .containsExactly(
                        new Interval(t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofHours(1))),
                        new Interval(t0.plus(Duration.ofHours(3)), t0.plus(Duration.ofHours(8))));
        assertThat(Interval.intersection(left, List.of(new Interval(t0, t0.plus(Duration.ofHours(4))))))
                .containsExactly(
                        new Interval(t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofHours(1))),
                        new Interval(t0.plus(Duration.ofHours(3)), t0.plus(Duration.ofHours(4))));
    }
}
