package org.cairn.scheduling.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentMode;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.ReminderRecipient;

/** What callers send. */
public final class AppointmentRequests {

    private AppointmentRequests() {}

    /**
     * A new appointment of the caller's agency with a client; with {@code recurrence}, the first of a
     * series of follow-ups.
     *
     * @param caseId the agency's case it belongs to, if any (its client must be {@code clientId})
     * @param clientInitials up to three capital letters, the most a calendar shows of the client
     * @param start local start, in {@code timeZone}
     * @param end local end, in {@code timeZone}
     * @param timeZone an IANA zone, e.g. America/New_York
     * @param organizerId the staff member who organizes it; the caller when left out
     * @param participants who else takes part (the organizer always does)
     * @param reminders when to remind whom; left out, client and staff are reminded 24 h and 1 h before
     * @param status {@code booked} (the default) or {@code proposed}
     * @param conflictOverride why to book although someone taking part is busy then
     * @param recurrence an RFC 5545 RRULE with COUNT or UNTIL, for a series of follow-ups
     */
    public record NewAppointment(
            @NotNull UUID clientId,
            UUID caseId,

            @Pattern(regexp = "[A-Z]{1,3}", message = "up to three capital letters")
            String clientInitials,

            @NotNull AppointmentKind kind,
            @NotNull AppointmentMode mode,
            @Size(max = 500) String location,

            @Size(max = 2000) @Pattern(regexp = "https://\\S+", message = "an https link")
            String videoUrl,

            @NotNull LocalDateTime start,
            @NotNull LocalDateTime end,
            @NotBlank @Size(max = 64) String timeZone,
            @Size(min = 1, max = 255) String organizerId,
            @Size(max = 20) List<@NotNull @Valid ParticipantRequest> participants,
            @Size(max = 10) List<@NotNull @Valid ReminderRequest> reminders,
            @Size(max = 4000) String notes,
            AppointmentStatus status,
            @Size(max = 1000) String conflictOverride,
            @Size(max = 500) String recurrence) {}

    /** Someone taking part besides the client and the organizer; of the caller's agency when no agency is named. */
    public record ParticipantRequest(
            @NotBlank @Size(max = 255) String userId,
            @Size(min = 1, max = 255) String agencyId,
            Role role) {}

    /** How a participant takes part. */
    public enum Role implements org.cairn.contracts.vocabulary.Coded {
        STAFF,
        PROVIDER,
        INTERPRETER
    }

    /** Remind {@code to} this long before the start (at most 30 days). */
    public record ReminderRequest(
            @NotNull Duration before, @NotNull ReminderRecipient to) {}

    /**
     * A move of an appointment's status; a cancellation or a no-show says why, and booking a proposal over
     * someone's busy time says why in {@code conflictOverride}.
     */
    public record StatusChange(
            @NotNull AppointmentStatus status,
            @Size(max = 1000) String reason,
            @Size(max = 1000) String conflictOverride) {}

    /** The appointment moved to another time: it ends as rescheduled, and a new one is booked. */
    public record Reschedule(
            @NotNull LocalDateTime start,
            @NotNull LocalDateTime end,
            @Size(max = 64) String timeZone,
            @NotBlank @Size(max = 1000) String reason,
            @Size(max = 1000) String conflictOverride) {}

    /** A staff member's working hours for the week, in one zone. */
    public record WeekHours(
            @NotBlank @Size(max = 64) String timeZone,
            @NotNull @Size(max = 21) List<@NotNull @Valid DayHours> hours) {}

    public record DayHours(
            @NotNull DayOfWeek day,
            @NotNull LocalTime start,
            @NotNull LocalTime end) {}

    public record NewTimeOff(
            @NotNull OffsetDateTime start,
            @NotNull OffsetDateTime end,
            @Size(max = 500) String reason) {}
}
