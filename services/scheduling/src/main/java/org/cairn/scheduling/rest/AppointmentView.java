package org.cairn.scheduling.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentMode;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.ReminderRecipient;

/**
 * An appointment as a caller may see it: local times in its zone beside the instants; notes only for
 * the organizing agency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentView(
        UUID id,
        String agencyId,
        UUID clientId,
        UUID caseId,
        String clientInitials,
        String organizerId,
        AppointmentKind kind,
        AppointmentMode mode,
        String location,
        String videoUrl,
        LocalDateTime start,
        LocalDateTime end,
        String timeZone,
        Instant startsAt,
        Instant endsAt,
        AppointmentStatus status,
        String statusReason,
        String notes,
        UUID seriesId,
        UUID rescheduledFrom,
        UUID rescheduledTo,
        String conflictOverride,
        List<Participant> participants,
        List<Reminder> reminders,
        List<Change> history,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public record Participant(String userId, String agencyId, AppointmentRequests.Role role) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reminder(UUID id, ReminderRecipient to, Duration before, Instant dueAt, Instant sentAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(AppointmentStatus from, AppointmentStatus to, String reason, String by, Instant at) {}

    /** A series of follow-ups, with its occurrences. */
    public record Series(UUID seriesId, String recurrence, List<AppointmentView> appointments) {}
}
