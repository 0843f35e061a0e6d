package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.AppointmentStatus;

/**
 * An appointment moved to another status, e.g. attended or a no-show. Carries no notes.
 *
 * @param appointmentId the appointment
 * @param clientId the client
 * @param caseId the case it belongs to, if any
 * @param agencyId the organizing agency
 * @param from the status before, absent for the first one
 * @param status the status now
 * @param startsAt when the appointment starts (or started)
 * @param changedAt when the status changed
 */
@EventType(name = "cairn.appointment.status-changed.v1", topic = Topics.SCHEDULING)
public record AppointmentStatusChangedV1(
        String appointmentId,
        String clientId,
        String caseId,
        String agencyId,
        AppointmentStatus from,
        AppointmentStatus status,
        Instant startsAt,
        Instant changedAt) {}
