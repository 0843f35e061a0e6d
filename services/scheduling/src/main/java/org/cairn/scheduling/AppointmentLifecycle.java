package org.cairn.scheduling;

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

/**
 * Where an appointment may go from where it is. A proposal is booked or cancelled; a booked one is
 * checked in, attended, missed, cancelled or moved (rescheduled, which books its successor); a
 * checked-in one is attended or, when the client left before being seen, a no-show. Attended, no-show,
 * cancelled and rescheduled are final.
 */
public final class AppointmentLifecycle {

    private static final Map<AppointmentStatus, Set<AppointmentStatus>> NEXT = Map.of(
            PROPOSED, EnumSet.of(BOOKED, CANCELLED, RESCHEDULED),
            BOOKED, EnumSet.of(CHECKED_IN, ATTENDED, NO_SHOW, CANCELLED, RESCHEDULED),
            CHECKED_IN, EnumSet.of(ATTENDED, NO_SHOW),
            ATTENDED, EnumSet.noneOf(AppointmentStatus.class),
            NO_SHOW, EnumSet.noneOf(AppointmentStatus.class),
            CANCELLED, EnumSet.noneOf(AppointmentStatus.class),
            RESCHEDULED, EnumSet.noneOf(AppointmentStatus.class));

    /** The statuses that hold the time of the people taking part. */
    public static final Set<AppointmentStatus> BUSY = EnumSet.of(BOOKED, CHECKED_IN);

    private AppointmentLifecycle() {}

    public static boolean allowed(AppointmentStatus from, AppointmentStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** Whether a move to {@code to} must say why (a cancellation, a no-show, a move). */
    public static boolean needsReason(AppointmentStatus to) {
        return to == CANCELLED || to == NO_SHOW || to == RESCHEDULED;
    }

    /** Whether a move to {@code to} may be made before the appointment starts. */
    public static boolean allowedBeforeStart(AppointmentStatus to) {
        return to != ATTENDED && to != NO_SHOW;
    }

    public static boolean isFinal(AppointmentStatus status) {
        return NEXT.get(status).isEmpty();
    }
}
