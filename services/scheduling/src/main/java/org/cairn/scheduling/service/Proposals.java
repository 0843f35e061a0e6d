package org.cairn.scheduling.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.cairn.contracts.events.CarePlanReviewDateReachedV1;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentMode;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.platform.agency.Caller;
import org.cairn.scheduling.SchedulingConfig;
import org.cairn.scheduling.rest.AppointmentRequests.NewAppointment;

/**
 * Appointments the suite's events propose, for staff to book or cancel: a review with the case
 * manager when a care plan's review falls due (at their first free hour from the due date on), an
 * intake at the agency that accepted a referral (its next weekday). Each is proposed once, however
 * often its event comes.
 */
@ApplicationScoped
public class Proposals {

    static final String SERVICE = "scheduling";

    private final AppointmentService appointments;
    private final StaffTime staff;
    private final SchedulingConfig config;

    Proposals(AppointmentService appointments, StaffTime staff, SchedulingConfig config) {
        this.appointments = appointments;
        this.staff = staff;
        this.config = config;
    }

    public Uni<Void> reviewDue(CarePlanReviewDateReachedV1 e) {
        ZoneId zone = config.timeZone();
        Caller system = Caller.system(e.agencyId(), SERVICE);
        Instant dueFrom = e.dueOn().atStartOfDay(zone).toInstant();
        Instant earliest = dueFrom.isAfter(Instant.now()) ? dueFrom : Instant.now();
        Uni<Instant> start = e.caseManagerId() == null
                ? Uni.createFrom().item(nextWeekday(e.dueOn(), zone))
                : staff.firstFree(
                                e.caseManagerId(), earliest, config.proposals().length())
                        .map(free -> free != null ? roundedUp(free, zone) : nextWeekday(e.dueOn(), zone));
        return start.chain(s -> appointments.propose(
                        system,
                        request(
                                e.clientId(),
                                e.caseId(),
                                AppointmentKind.FOLLOW_UP,
                                e.caseManagerId(),
                                s,
                                zone,
                                "Care plan review (proposed when the review fell due)"),
                        "care-plan-review:" + e.planId() + ":" + e.dueOn()))
                .replaceWithVoid();
    }

    public Uni<Void> referralAccepted(ReferralAcceptedV1 e) {
        ZoneId zone = config.timeZone();
        Caller system = Caller.system(e.receivingAgencyId(), SERVICE);
        LocalDate accepted = e.acceptedAt().atZone(zone).toLocalDate();
        return appointments
                .propose(
                        system,
                        request(
                                e.clientId(),
                                null,
                                AppointmentKind.INTAKE,
                                null,
                                nextWeekday(accepted, zone),
                                zone,
                                "Intake after the referral was accepted"),
                        "referral-intake:" + e.referralId())
                .replaceWithVoid();
    }

    private NewAppointment request(
            String clientId,
            String caseId,
            AppointmentKind kind,
            String organizer,
            Instant start,
            ZoneId zone,
            String notes) {
        LocalDateTime local = LocalDateTime.ofInstant(start, zone);
        return new NewAppointment(
                java.util.UUID.fromString(clientId),
                caseId == null ? null : java.util.UUID.fromString(caseId),
                null,
                kind,
                AppointmentMode.IN_PERSON,
                null,
                null,
                local,
                local.plus(config.proposals().length()),
                zone.getId(),
                organizer,
                null,
                null,
                notes,
                AppointmentStatus.PROPOSED,
                null,
                null);
    }

    /** The configured hour on the first weekday after {@code day}. */
    private Instant nextWeekday(LocalDate day, ZoneId zone) {
        LocalDate d = day.plusDays(1);
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return ZonedDateTime.of(d, config.proposals().at(), zone).toInstant();
    }

    /** A free window's start, on the next quarter hour. */
    private static Instant roundedUp(Instant free, ZoneId zone) {
        ZonedDateTime z = free.atZone(zone).withSecond(0).withNano(0);
        int extra = z.getMinute() % 15;
        ZonedDateTime rounded =
                extra == 0 && free.atZone(zone).getSecond() == 0 && free.getNano() == 0 ? z : z.plusMinutes(15 - extra);
        return rounded.toInstant();
    }
}
