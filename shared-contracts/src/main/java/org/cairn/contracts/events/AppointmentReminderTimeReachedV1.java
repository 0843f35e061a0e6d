package org.cairn.contracts.events;

import java.time.Instant;
import java.util.List;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentMode;
import org.cairn.contracts.vocabulary.ReminderRecipient;

/**
 * A reminder of an appointment fell due (told once per reminder), for notifications to send. Carries
 * no notes and no place: the message links to the appointment instead.
 *
 * @param reminderId the reminder
 * @param appointmentId the appointment
 * @param clientId the client
 * @param caseId the case it belongs to, if any
 * @param agencyId the organizing agency
 * @param recipient whom it is for
 * @param staffUserIds the user ids of the staff taking part (organizer first); the ones reminded when the
 *     recipient is staff
 * @param kind what the appointment is for
 * @param mode how it is held
 * @param startsAt when it starts
 * @param timeZone the time zone it was booked in (IANA), to tell the time in
 * @param dueAt when the reminder was due
 */
@EventType(name = "cairn.appointment.reminder-time-reached.v1", topic = Topics.SCHEDULING)
public record AppointmentReminderTimeReachedV1(
        String reminderId,
        String appointmentId,
        String clientId,
        String caseId,
        String agencyId,
        ReminderRecipient recipient,
        List<String> staffUserIds,
        AppointmentKind kind,
        AppointmentMode mode,
        Instant startsAt,
        String timeZone,
        Instant dueAt) {}
