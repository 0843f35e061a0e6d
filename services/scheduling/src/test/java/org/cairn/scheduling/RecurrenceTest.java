package org.cairn.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recurrence expansion across daylight-saving changes, and the rules a follow-up series refuses. */
class RecurrenceTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration HOUR = Duration.ofHours(1);

    static ZonedDateTime at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone);
    }

    @Test
    void everyTwoWeeksOnTuesday_keepsTenOClockAcrossTheSpringChangeInNewYork() {
        // US clocks go forward on 8 March 2026
        List<ZonedDateTime> dates = Recurrence.occurrences(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4", at("2026-03-03T10:00", NEW_YORK), HOUR);

        assertThat(dates)
                .extracting(d -> d.toLocalDate().toString())
                .containsExactly("2026-03-03", "2026-03-17", "2026-03-31", "2026-04-14");
        assertThat(dates).allSatisfy(d -> {
            assertThat(d.toLocalTime()).isEqualTo(LocalTime.of(10, 0));
            assertThat(d.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        });
        // the same local time is another instant once the offset changed
        assertThat(dates.get(0).getOffset().getTotalSeconds()).isEqualTo(-5 * 3600);
        assertThat(dates.get(1).getOffset().getTotalSeconds()).isEqualTo(-4 * 3600);
        assertThat(Duration.between(dates.get(0), dates.get(1)))
                .isEqualTo(Duration.ofDays(14).minusHours(1));
    }

    @Test
    void monthlyOnTheFirstMonday_keepsItsLocalTimeAcrossTheAutumnChangeInBerlin() {
        // European clocks go back on 25 October 2026
        List<ZonedDateTime> dates = Recurrence.occurrences(
                "RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20261231T235959Z", at("2026-09-07T09:30", BERLIN), HOUR);

        assertThat(dates)
                .extracting(d -> d.toLocalDate().toString())
                .containsExactly("2026-09-07", "2026-10-05", "2026-11-02", "2026-12-07");
        assertThat(dates).allSatisfy(d -> assertThat(d.toLocalTime()).isEqualTo(LocalTime.of(9, 30)));
        assertThat(dates.get(1).getOffset()).isNotEqualTo(dates.get(2).getOffset());
    }

    @Test
    void weeklyInBerlin_acrossTheSpringChange_staysAtTheSameLocalTime() {
        // European clocks go forward on 29 March 2026
        List<ZonedDateTime> dates =
                Recurrence.occurrences("FREQ=WEEKLY;BYDAY=TH;COUNT=3", at("2026-03-19T16:15", BERLIN), HOUR);

        assertThat(dates)
                .extracting(d -> d.toLocalDateTime().toString())
                .containsExactly("2026-03-19T16:15", "2026-03-26T16:15", "2026-04-02T16:15");
        assertThat(dates.get(1).getOffset().getTotalSeconds()).isEqualTo(3600);
        assertThat(dates.get(2).getOffset().getTotalSeconds()).isEqualTo(2 * 3600);
        assertThat(Duration.between(dates.get(1), dates.get(2)))
                .isEqualTo(Duration.ofDays(7).minusHours(1));
    }

    @Test
    void weeklyInNewYork_acrossTheAutumnChange_staysAtTheSameLocalTime() {
        // US clocks go back on 1 November 2026
        List<ZonedDateTime> dates =
                Recurrence.occurrences("FREQ=WEEKLY;COUNT=3", at("2026-10-26T08:00", NEW_YORK), HOUR);

        assertThat(dates)
                .extracting(ZonedDateTime::toLocalDateTime)
                .containsExactly(
                        LocalDateTime.parse("2026-10-26T08:00"),
                        LocalDateTime.parse("2026-11-02T08:00"),
                        LocalDateTime.parse("2026-11-09T08:00"));
    }

    @Test
    void aRuleThatDoesNotParse_isRefusedWithWhy() {
        assertThatThrownBy(
                        () -> Recurrence.occurrences("FREQ=SOMETIMES;COUNT=2", at("2026-03-03T10:00", NEW_YORK), HOUR))
                .isInstanceOf(Recurrence.InvalidRule.class)
                .hasMessageContaining("does not parse");
        assertThatThrownBy(() -> Recurrence.occurrences("COUNT=2", at("2026-03-03T10:00", NEW_YORK), HOUR))
                .isInstanceOf(Recurrence.InvalidRule.class);
    }

    @Test
    void aRuleWithoutEnd_tooMany_tooFar_tooOften_orOverlapping_isRefused() {
        ZonedDateTime first = at("2026-03-03T10:00", NEW_YORK);
        assertThatThrownBy(() -> Recurrence.occurrences("FREQ=WEEKLY", first, HOUR))
                .hasMessageContaining("never ends");
        assertThatThrownBy(() -> Recurrence.occurrences("FREQ=DAILY;COUNT=500", first, HOUR))
                .hasMessageContaining("at most 104");
        assertThatThrownBy(() -> Recurrence.occurrences("FREQ=MONTHLY;UNTIL=20300101T000000Z", first, HOUR))
                .hasMessageContaining("years");
        assertThatThrownBy(() -> Recurrence.occurrences("FREQ=HOURLY;COUNT=3", first, HOUR))
                .hasMessageContaining("daily, weekly, monthly or yearly");
        assertThatThrownBy(() -> Recurrence.occurrences("FREQ=DAILY;COUNT=3", first, Duration.ofHours(25)))
                .hasMessageContaining("overlap");
    }

    @Test
    void aFirstStartThatIsNoOccurrence_isRefused() {
        // 3 March 2026 is a Tuesday
        assertThatThrownBy(() ->
                        Recurrence.occurrences("FREQ=WEEKLY;BYDAY=MO;COUNT=3", at("2026-03-03T10:00", NEW_YORK), HOUR))
                .hasMessageContaining("first start");
    }
}
