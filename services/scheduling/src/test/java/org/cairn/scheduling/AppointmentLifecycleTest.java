package org.cairn.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.contracts.vocabulary.AppointmentStatus.ATTENDED;
import static org.cairn.contracts.vocabulary.AppointmentStatus.BOOKED;
import static org.cairn.contracts.vocabulary.AppointmentStatus.CANCELLED;
import static org.cairn.contracts.vocabulary.AppointmentStatus.CHECKED_IN;
import static org.cairn.contracts.vocabulary.AppointmentStatus.NO_SHOW;
import static org.cairn.contracts.vocabulary.AppointmentStatus.PROPOSED;
import static org.cairn.contracts.vocabulary.AppointmentStatus.RESCHEDULED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.junit.jupiter.api.Test;

/** Every move of an appointment's status, allowed or refused. */
class AppointmentLifecycleTest {

    static final Map<AppointmentStatus, Set<AppointmentStatus>> EXPECTED = Map.of(
            PROPOSED, EnumSet.of(BOOKED, CANCELLED, RESCHEDULED),
            BOOKED, EnumSet.of(CHECKED_IN, ATTENDED, NO_SHOW, CANCELLED, RESCHEDULED),
            CHECKED_IN, EnumSet.of(ATTENDED, NO_SHOW),
            ATTENDED, EnumSet.noneOf(AppointmentStatus.class),
            NO_SHOW, EnumSet.noneOf(AppointmentStatus.class),
            CANCELLED, EnumSet.noneOf(AppointmentStatus.class),
            RESCHEDULED, EnumSet.noneOf(AppointmentStatus.class));

    @Test
    void everyPairOfStatuses_isAllowedExactlyWhenExpected() {
        for (AppointmentStatus from : AppointmentStatus.values()) {
            for (AppointmentStatus to : AppointmentStatus.values()) {
                assertThat(AppointmentLifecycle.allowed(from, to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(EXPECTED.get(from).contains(to));
            }
            assertThat(AppointmentLifecycle.isFinal(from))
                    .isEqualTo(EXPECTED.get(from).isEmpty());
        }
    }

    @Test
    void onlyBookedAndCheckedIn_holdTime_andAttendanceWaitsForTheStart() {
        assertThat(AppointmentLifecycle.BUSY).containsExactlyInAnyOrder(BOOKED, CHECKED_IN);
        assertThat(AppointmentLifecycle.allowedBeforeStart(ATTENDED)).isFalse();
        assertThat(AppointmentLifecycle.allowedBeforeStart(NO_SHOW)).isFalse();
        assertThat(AppointmentLifecycle.allowedBeforeStart(CHECKED_IN)).isTrue();
        assertThat(AppointmentLifecycle.needsReason(CANCELLED)).isTrue();
        assertThat(AppointmentLifecycle.needsReason(ATTENDED)).isFalse();
    }
}
