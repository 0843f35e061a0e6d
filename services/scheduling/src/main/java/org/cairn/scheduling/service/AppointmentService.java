package org.cairn.scheduling.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cairn.contracts.events.AppointmentStatusChangedV1;
import org.cairn.contracts.events.CaseOutreachFlaggedV1;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentMode;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.ReminderRecipient;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.cases.CaseDirectory;
import org.cairn.platform.consents.ConsentDirectory;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.paging.Page;
import org.cairn.platform.problem.NotFoundProblem;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.Problems;
import org.cairn.scheduling.Appointment;
import org.cairn.scheduling.AppointmentLifecycle;
import org.cairn.scheduling.AppointmentStatusChange;
import org.cairn.scheduling.Availability;
import org.cairn.scheduling.Interval;
import org.cairn.scheduling.Recurrence;
import org.cairn.scheduling.SchedulingConfig;
import org.cairn.scheduling.rest.AppointmentRequests;
import org.cairn.scheduling.rest.AppointmentRequests.NewAppointment;
import org.cairn.scheduling.rest.AppointmentView;
import org.cairn.scheduling.service.Store.Taking;

/**
 * Appointments of an agency with its clients. A booking holds the time of everyone taking part, the
 * client included: one over another held appointment or time off of any of them is refused (409,
 * with each clash) unless the caller says why to book anyway. A provider of another agency takes part
 * only when a consent of the client in force lets their information go to that agency for care
 * coordination. The organizing agency's staff who work the case (and its supervisors) see an
 * appointment; anyone else only the appointments they take part in, without the notes; to the rest of
 * the network it does not exist. Every status is told as {@code cairn.appointment.status-changed.v1}.
 */
@ApplicationScoped
public class AppointmentService {

    static final String RESOURCE = "appointment";

    /** A booking may start this much before now (a clock's drift, a slow form), not more. */
    static final Duration GRACE = Duration.ofMinutes(5);

    private final CaseDirectory cases;
    private final ConsentDirectory consents;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final SchedulingConfig config;

    AppointmentService(
            CaseDirectory cases, ConsentDirectory consents, Outbox outbox, AuditTrail audit, SchedulingConfig config) {
        this.cases = cases;
        this.consents = consents;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
    }

    // ---- booking ---------------------------------------------------------------------------------

    /** A booking as checked before anything is written: zone, times, people, reminders. */
    record Plan(
            NewAppointment request,
            ZoneId zone,
            List<Interval> times,
            List<Taking> people,
            List<AppointmentRequests.ReminderRequest> reminders,
            AppointmentStatus status,
            String organizerId) {}

    public Uni<AppointmentView> book(Caller caller, NewAppointment request) {
        if (request.recurrence() != null) {
            return Uni.createFrom()
                    .failure(Problems.invalid("recurrence", "a series of follow-ups is booked at /appointment-series"));
        }
        Plan plan = plan(caller, request, null);
        return Panache.withTransaction(() -> write(caller, plan, null, null, null))
                .map(list -> list.get(0));
    }

    public Uni<AppointmentView.Series> bookSeries(Caller caller, NewAppointment request) {
        if (request.recurrence() == null || request.recurrence().isBlank()) {
            return Uni.createFrom().failure(Problems.invalid("recurrence", "a series needs its RRULE"));
        }
        Plan plan = plan(caller, request, request.recurrence());
        UUID seriesId = UUID.randomUUID();
        return Panache.withTransaction(() -> Store.update(
                                "insert into appointment_series (id, agency_id, rrule, first_start, time_zone, created_by,"
                                        + " created_at) values (:id, :agency, :rule, :first, :zone, :by, now())",
                                Map.of(
                                        "id", seriesId,
                                        "agency", caller.agencyId(),
                                        "rule", request.recurrence().strip(),
                                        "first", request.start(),
                                        "zone", plan.zone().getId(),
                                        "by", caller.userId()))
                        .chain(() -> write(caller, plan, seriesId, null, null)))
                .map(list -> new AppointmentView.Series(
                        seriesId, request.recurrence().strip(), list));
    }

    /** Checks a booking's own input (400 and 422 before any read or write). */
    Plan plan(Caller caller, NewAppointment r, String recurrence) {
        ZoneId zone = zone("timeZone", r.timeZone());
        ZonedDateTime start = exact("start", r.start(), zone);
        ZonedDateTime end = exact("end", r.end(), zone);
        Duration length = Duration.between(start, end);
        if (!end.isAfter(start)) {
            throw Problems.invalid("end", "an appointment ends after it starts");
        }
        if (length.compareTo(Store.LONGEST) > 0) {
            throw Problems.invalid("end", "an appointment lasts at most 12 hours");
        }
        if (r.mode() == AppointmentMode.VIDEO && r.videoUrl() == null) {
            throw Problems.invalid("videoUrl", "a video appointment gives its link");
        }
        if (r.mode() == AppointmentMode.IN_PERSON
                && (r.location() == null || r.location().isBlank())) {
            throw Problems.invalid("location", "an appointment in person says where");
        }
        AppointmentStatus status = r.status() == null ? AppointmentStatus.BOOKED : r.status();
        if (status != AppointmentStatus.BOOKED && status != AppointmentStatus.PROPOSED) {
            throw Problems.invalid("status", "a new appointment is booked or proposed");
        }
        if (start.toInstant().isBefore(Instant.now().minus(GRACE))) {
            throw Problems.unprocessable("in-the-past", "The appointment would start in the past.");
        }
        List<Interval> times = new ArrayList<>();
        if (recurrence == null) {
            times.add(new Interval(start.toInstant(), end.toInstant()));
        } else {
            try {
                for (ZonedDateTime s : Recurrence.occurrences(recurrence, start, length)) {
                    times.add(new Interval(s.toInstant(), s.plus(length).toInstant()));
                }
            } catch (Recurrence.InvalidRule e) {
                throw Problems.invalid("recurrence", e.getMessage());
            }
        }
        String organizer = r.organizerId() == null ? caller.userId() : r.organizerId();
        Map<String, Taking> people = new LinkedHashMap<>();
        people.put(organizer, new Taking(organizer, caller.agencyId(), AppointmentRequests.Role.STAFF));
        for (AppointmentRequests.ParticipantRequest p :
                r.participants() == null ? List.<AppointmentRequests.ParticipantRequest>of() : r.participants()) {
            String agency = p.agencyId() == null ? caller.agencyId() : p.agencyId();
            AppointmentRequests.Role role = p.role() != null
                    ? p.role()
                    : agency.equals(caller.agencyId())
                            ? AppointmentRequests.Role.STAFF
                            : AppointmentRequests.Role.PROVIDER;
            if (people.putIfAbsent(p.userId(), new Taking(p.userId(), agency, role)) != null
                    && !p.userId().equals(organizer)) {
                throw Problems.invalid("participants", "each participant is named once");
            }
        }
        List<AppointmentRequests.ReminderRequest> reminders = r.reminders() != null ? r.reminders() : defaults();
        for (AppointmentRequests.ReminderRequest m : reminders) {
            if (m.before().isNegative() || m.before().compareTo(Duration.ofDays(30)) > 0) {
                throw Problems.invalid("reminders", "a reminder comes 0 to 30 days before the start");
            }
            if (m.before().toSeconds() % 60 != 0) {
                throw Problems.invalid("reminders", "a reminder's offset is whole minutes");
            }
        }
        return new Plan(r, zone, times, List.copyOf(people.values()), reminders, status, organizer);
    }

    private List<AppointmentRequests.ReminderRequest> defaults() {
        List<AppointmentRequests.ReminderRequest> all = new ArrayList<>();
        for (Duration d : config.reminders().defaults()) {
            all.add(new AppointmentRequests.ReminderRequest(d, ReminderRecipient.CLIENT));
            all.add(new AppointmentRequests.ReminderRequest(d, ReminderRecipient.STAFF));
        }
        return all;
    }

    /** The region zones (IANA names) of the JVM's time-zone data; fixed offsets are not time zones here. */
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    static ZoneId zone(String field, String name) {
        if (name == null || !ZONES.contains(name)) {
            throw Problems.invalid(field, "not a time zone: give an IANA name such as America/New_York");
        }
        return ZoneId.of(name);
    }

    /** The local time in the zone, refused when the clocks skip it (a daylight-saving gap). */
    static ZonedDateTime exact(String field, LocalDateTime local, ZoneId zone) {
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw Problems.invalid(
                    field, "that local time does not exist in " + zone.getId() + " (the clocks skip it)");
        }
        return local.atZone(zone);
    }

    /**
     * Writes the appointments of a plan (one, or a series' occurrences) after the checks that read:
     * the case, the consents for other agencies' providers, and clashes (under the people's locks).
     */
    private Uni<List<AppointmentView>> write(
            Caller caller, Plan plan, UUID seriesId, Appointment replacing, String proposedFor) {
        NewAppointment r = plan.request();
        Uni<Void> checked = r.caseId() == null
                ? Uni.createFrom().voidItem()
                : cases.find(r.caseId(), caller.agencyId()).map(known -> {
                    if (known == null || !known.isOpen()) {
                        throw Problems.notFound("case", r.caseId());
                    }
                    if (!known.clientId().equals(r.clientId())) {
                        throw Problems.invalid("clientId", "the case is another client's");
                    }
                    return null;
                });
        for (String agency : plan.people().stream()
                .map(Taking::agencyId)
                .filter(a -> !a.equals(caller.agencyId()))
                .distinct()
                .toList()) {
            checked = checked.chain(() -> consents.covering(
                            r.clientId(), agency, ConsentPurpose.CARE_COORDINATION, Set.of(SensitivityCategory.GENERAL))
                    .map(consent -> {
                        if (consent == null) {
                            throw Problems.unprocessable(
                                    "no-consent",
                                    "No active consent of the client lets their information go to " + agency
                                            + " for care coordination: its staff cannot take part.");
                        }
                        return null;
                    }));
        }
        boolean holds = AppointmentLifecycle.BUSY.contains(plan.status());
        return checked.chain(() -> holds
                        ? clashes(caller, plan, replacing)
                        : Uni.createFrom().voidItem())
                .chain(() -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Uni<List<AppointmentView>> all = Uni.createFrom().item(new ArrayList<>());
                    for (Interval t : plan.times()) {
                        all = all.chain(list -> one(caller, plan, t, seriesId, replacing, proposedFor, now)
                                .map(v -> {
                                    list.add(v);
                                    return list;
                                }));
                    }
                    return all;
                });
    }

    /** Refuses (409) a booking over someone's busy time, unless the caller says why to book anyway. */
    private Uni<Void> clashes(Caller caller, Plan plan, Appointment replacing) {
        List<String> staff = plan.people().stream().map(Taking::userId).toList();
        Instant from = plan.times().get(0).start();
        Instant to = plan.times().get(plan.times().size() - 1).end();
        return Store.lockPeople(staff, plan.request().clientId())
                .chain(() ->
                        Store.busy(staff, plan.request().clientId(), from, to, replacing == null ? null : replacing.id))
                .map(busy -> {
                    List<Availability.Conflict> found = Availability.conflicts(plan.times(), busy);
                    String override = plan.request().conflictOverride();
                    if (!found.isEmpty() && (override == null || override.isBlank())) {
                        throw new ProblemException(
                                409,
                                "conflict",
                                "Someone taking part is busy then",
                                found.size() + " clash(es) with appointments or time off of the people taking part;"
                                        + " book another time, or again with conflictOverride saying why.",
                                List.<Problem.FieldError>of(),
                                Map.of("conflicts", found));
                    }
                    return null;
                });
    }

    private Uni<AppointmentView> one(
            Caller caller,
            Plan plan,
            Interval time,
            UUID seriesId,
            Appointment replacing,
            String proposedFor,
            Instant now) {
        NewAppointment r = plan.request();
        Appointment a = new Appointment();
        a.id = UUID.randomUUID();
        a.agencyId = caller.agencyId();
        a.clientId = r.clientId();
        a.caseId = r.caseId();
        a.clientInitials = r.clientInitials();
        a.organizerId = plan.organizerId();
        a.kind = r.kind().code();
        a.mode = r.mode().code();
        a.location = blankToNull(r.location());
        a.videoUrl = r.videoUrl();
        a.startsAt = time.start();
        a.endsAt = time.end();
        a.timeZone = plan.zone().getId();
        a.status = plan.status().code();
        a.notes = blankToNull(r.notes());
        a.seriesId = seriesId;
        a.rescheduledFrom = replacing == null ? null : replacing.id;
        a.conflictOverride = blankToNull(r.conflictOverride());
        a.proposedFor = proposedFor;
        a.createdBy = caller.userId();
        a.createdAt = now;
        a.updatedAt = now;
        boolean holds = AppointmentLifecycle.BUSY.contains(plan.status());
        return a.<Appointment>persist()
                .chain(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> Store.addParticipants(a.id, plan.people(), a.startsAt, a.endsAt, holds))
                .chain(() -> Store.addReminders(a.id, plan.reminders(), a.startsAt, now))
                .call(() -> moved(caller, a, null, plan.status(), null, AuditAction.CREATED))
                .map(reminders -> view(caller, a, plan.people(), reminders, null));
    }

    // ---- reading ---------------------------------------------------------------------------------

    public Uni<AppointmentView> get(Caller caller, UUID id) {
        return Panache.withSession(() -> visible(caller, id, null)
                .chain(seen -> Uni.combine()
                        .all()
                        .unis(Store.reminders(id), history(id))
                        .with((reminders, history) -> view(caller, seen.appointment, seen.people, reminders, history))
                        .call(() -> audit.record(AuditEntry.of(
                                AuditAction.VIEWED, RESOURCE, id.toString(), seen.appointment.clientId.toString())))));
    }

    /** The appointment itself (for its .ics), read as {@link #get} is. */
    public Uni<Appointment> appointment(Caller caller, UUID id) {
        return Panache.withSession(() -> visible(caller, id, null)
                .call(seen -> audit.record(AuditEntry.of(
                        AuditAction.EXPORTED, RESOURCE, id.toString(), seen.appointment.clientId.toString())))
                .map(Seen::appointment));
    }

    /** An appointment with its participants, as far as the caller may see it. */
    record Seen(Appointment appointment, List<Taking> people) {}

    /** The appointment if the caller may see it, else 404; locked for a change when asked. */
    Uni<Seen> visible(Caller caller, UUID id, LockModeType lock) {
        Uni<Appointment> found =
                lock == null ? Appointment.<Appointment>findById(id) : Appointment.<Appointment>findById(id, lock);
        return found.chain(a -> a == null
                        ? Uni.createFrom().<Seen>nullItem()
                        : Store.participants(List.of(id)).map(by -> new Seen(a, by.getOrDefault(id, List.of()))))
                .chain(seen -> seen == null
                        ? Uni.createFrom().failure(Problems.notFound(RESOURCE, id))
                        : mayRead(caller, seen).map(ok -> {
                            if (!ok) {
                                throw Problems.notFound(RESOURCE, id);
                            }
                            return seen;
                        }));
    }

    private Uni<Boolean> mayRead(Caller caller, Seen seen) {
        Appointment a = seen.appointment;
        boolean takesPart = seen.people.stream().anyMatch(p -> p.userId().equals(caller.userId()));
        if (takesPart) {
            return Uni.createFrom().item(true);
        }
        if (!a.agencyId.equals(caller.agencyId())) {
            return Uni.createFrom().item(false);
        }
        if (seesWholeAgency(caller) || a.caseId == null || a.organizerId.equals(caller.userId())) {
            return Uni.createFrom().item(true);
        }
        return cases.onCareTeam(a.caseId, caller.userId());
    }

    /** Supervisors and program directors see all of their agency's appointments. */
    static boolean seesWholeAgency(Caller caller) {
        return caller.hasRole(Role.SUPERVISOR) || caller.hasRole(Role.PROGRAM_DIRECTOR);
    }

    private static Uni<List<AppointmentView.Change>> history(UUID id) {
        return AppointmentStatusChange.<AppointmentStatusChange>list("appointmentId = ?1 order by changedAt, id", id)
                .map(list -> list.stream()
                        .map(c -> new AppointmentView.Change(
                                c.fromStatus == null ? null : Coded.fromCode(AppointmentStatus.class, c.fromStatus),
                                Coded.fromCode(AppointmentStatus.class, c.toStatus),
                                c.reason,
                                c.changedBy,
                                c.changedAt))
                        .toList());
    }

    /** What {@link #list} is asked for. */
    public record Filter(
            Instant from, Instant to, UUID caseId, UUID clientId, AppointmentStatus status, boolean mine) {}

    /**
     * The appointments the caller may see that start within the filter's range, earliest first: their
     * agency's (of the cases they work, unless they supervise), and any they take part in.
     */
    public Uni<Page<AppointmentView>> list(Caller caller, Filter f, int page, int size) {
        StringBuilder sql = new StringBuilder("""
                select a.id, a.starts_at from appointment a
                 where a.starts_at >= :from and a.starts_at < :to
                   and (exists (select 1 from appointment_participant p where p.appointment_id = a.id and p.user_id in (:me))
                """);
        // the caller bound as a list too ("me"): a list-valued binding keeps the select out of the plan cache
        Map<String, Object> params =
                new HashMap<>(Map.of("from", f.from(), "to", f.to(), "me", List.of(caller.userId())));
        if (!f.mine()) {
            sql.append("""
                        or (a.agency_id in (:agency) and (:all or a.case_id is null or a.organizer_id = :user
                            or exists (select 1 from case_projection c where c.case_id = a.case_id
                                       and (c.primary_case_manager_id = :user or exists (select 1 from
                                            case_team_projection t where t.case_id = c.case_id and t.user_id = :user)))))
                    """);
            params.put("all", seesWholeAgency(caller));
            params.put("agency", List.of(caller.agencyId()));
            params.put("user", caller.userId());
        }
        sql.append(")");
        if (f.caseId() != null) {
            sql.append(" and a.case_id = :case");
            params.put("case", f.caseId());
        }
        if (f.clientId() != null) {
            sql.append(" and a.client_id = :client");
            params.put("client", f.clientId());
        }
        if (f.status() != null) {
            sql.append(" and a.status = :status");
            params.put("status", f.status().code());
        }
        sql.append(" order by a.starts_at, a.id limit :limit offset :offset");
        params.put("limit", size + 1);
        params.put("offset", page * size);
        return Panache.withSession(() -> Store.rows(sql.toString(), params)
                .map(rows -> rows.stream().map(r -> (UUID) r[0]).toList())
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(List.<AppointmentView>of())
                        : Appointment.<Appointment>list("id in ?1", ids)
                                .chain(found -> Store.participants(ids).map(people -> {
                                    Map<UUID, Appointment> byId = new HashMap<>();
                                    found.forEach(a -> byId.put(a.id, a));
                                    return ids.stream()
                                            .map(byId::get)
                                            .map(a -> view(caller, a, people.getOrDefault(a.id, List.of()), null, null))
                                            .toList();
                                })))
                // the client is named when all the caller saw are theirs (a client's or a case's list)
                .call(list -> audit.record(AuditEntry.of(
                        AuditAction.SEARCHED, RESOURCE, null, AuditEntry.soleClient(list, AppointmentView::clientId))))
                .map(list -> Page.of(list, page, size)));
    }

    // ---- changes ---------------------------------------------------------------------------------

    /** A move of an appointment's status by its organizing agency. */
    public Uni<AppointmentView> changeStatus(Caller caller, UUID id, AppointmentRequests.StatusChange request) {
        AppointmentStatus to = request.status();
        if (to == AppointmentStatus.RESCHEDULED) {
            return Uni.createFrom()
                    .failure(Problems.invalid("status", "an appointment is moved at /appointments/{id}/reschedule"));
        }
        if (to == AppointmentStatus.PROPOSED) {
            return Uni.createFrom().failure(Problems.invalid("status", "an appointment is proposed when it is made"));
        }
        if (AppointmentLifecycle.needsReason(to)
                && (request.reason() == null || request.reason().isBlank())) {
            return Uni.createFrom().failure(Problems.invalid("reason", "a move to " + to.code() + " says why"));
        }
        return Panache.withTransaction(() -> visible(caller, id, LockModeType.PESSIMISTIC_WRITE)
                .chain(seen -> {
                    Appointment a = seen.appointment;
                    organizingOnly(caller, a);
                    AppointmentStatus from = a.status();
                    if (!AppointmentLifecycle.allowed(from, to)) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "invalid-transition",
                                        "an appointment " + from.code() + " cannot become " + to.code()));
                    }
                    if (!AppointmentLifecycle.allowedBeforeStart(to)
                            && Instant.now().isBefore(a.startsAt)) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "not-started", "an appointment is " + to.code() + " once it has started"));
                    }
                    Uni<Void> ready = Uni.createFrom().voidItem();
                    if (to == AppointmentStatus.BOOKED) {
                        // booking a proposal holds everyone's time: the clash check of a new booking
                        Plan plan = new Plan(
                                copyOf(
                                        a,
                                        a.localStart(),
                                        a.localEnd(),
                                        a.timeZone,
                                        null,
                                        null,
                                        AppointmentStatus.BOOKED,
                                        request.conflictOverride()),
                                a.zone(),
                                List.of(new Interval(a.startsAt, a.endsAt)),
                                seen.people,
                                List.of(),
                                to,
                                a.organizerId);
                        ready = clashes(caller, plan, a);
                    }
                    return ready.chain(() -> {
                                a.status = to.code();
                                a.statusReason = blankToNull(request.reason());
                                a.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                if (to == AppointmentStatus.BOOKED && request.conflictOverride() != null) {
                                    a.conflictOverride = blankToNull(request.conflictOverride());
                                }
                                return Store.participantsBusy(a.id, AppointmentLifecycle.BUSY.contains(to));
                            })
                            .chain(() -> to == AppointmentStatus.CANCELLED || to == AppointmentStatus.NO_SHOW
                                    ? Store.dropReminders(a.id)
                                    : Uni.createFrom().voidItem())
                            .chain(() -> moved(caller, a, from, to, request.reason(), AuditAction.UPDATED))
                            .chain(() -> to == AppointmentStatus.NO_SHOW && a.caseId != null
                                    ? noShowCounted(a)
                                    : Uni.createFrom().voidItem())
                            .chain(() -> Store.reminders(a.id))
                            .map(reminders -> view(caller, a, seen.people, reminders, null));
                }));
    }

    /**
     * Moves an appointment to another time: it ends as rescheduled and a new one is booked with the
     * same people and reminder plan, checked for clashes as any booking is.
     */
    public Uni<AppointmentView> reschedule(Caller caller, UUID id, AppointmentRequests.Reschedule request) {
        return Panache.withTransaction(() -> visible(caller, id, LockModeType.PESSIMISTIC_WRITE)
                .chain(seen -> {
                    Appointment old = seen.appointment;
                    organizingOnly(caller, old);
                    AppointmentStatus from = old.status();
                    if (!AppointmentLifecycle.allowed(from, AppointmentStatus.RESCHEDULED)) {
                        return Uni.createFrom()
                                .failure(Problems.conflict(
                                        "invalid-transition", "an appointment " + from.code() + " cannot be moved"));
                    }
                    return Store.reminderPlan(old.id).chain(reminders -> {
                        NewAppointment moved = copyOf(
                                old,
                                request.start(),
                                request.end(),
                                request.timeZone() == null ? old.timeZone : request.timeZone(),
                                seen.people.stream()
                                        .map(p -> new AppointmentRequests.ParticipantRequest(
                                                p.userId(), p.agencyId(), p.role()))
                                        .toList(),
                                reminders,
                                from,
                                request.conflictOverride());
                        Plan plan = plan(caller, moved, null);
                        return write(caller, plan, old.seriesId, old, null).chain(made -> {
                            AppointmentView next = made.get(0);
                            old.status = AppointmentStatus.RESCHEDULED.code();
                            old.statusReason = request.reason().strip();
                            old.rescheduledTo = next.id();
                            old.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            return Store.participantsBusy(old.id, false)
                                    .chain(() -> Store.dropReminders(old.id))
                                    .chain(() -> moved(
                                            caller,
                                            old,
                                            from,
                                            AppointmentStatus.RESCHEDULED,
                                            request.reason(),
                                            AuditAction.UPDATED))
                                    .replaceWith(next);
                        });
                    });
                }));
    }

    /** A booking like appointment {@code a}, at other times, with these people, reminders and status. */
    private static NewAppointment copyOf(
            Appointment a,
            LocalDateTime start,
            LocalDateTime end,
            String timeZone,
            List<AppointmentRequests.ParticipantRequest> participants,
            List<AppointmentRequests.ReminderRequest> reminders,
            AppointmentStatus status,
            String conflictOverride) {
        return new NewAppointment(
                a.clientId,
                a.caseId,
                a.clientInitials,
                Coded.fromCode(AppointmentKind.class, a.kind),
                Coded.fromCode(AppointmentMode.class, a.mode),
                a.location,
                a.videoUrl,
                start,
                end,
                timeZone,
                a.organizerId,
                participants,
                reminders,
                a.notes,
                status,
                conflictOverride,
                null);
    }

    private static void organizingOnly(Caller caller, Appointment a) {
        if (!a.agencyId.equals(caller.agencyId())) {
            throw Problems.forbidden(
                    "organizing-agency-only", "Only the agency that organizes an appointment changes it.");
        }
    }

    /**
     * After a no-show of a case's client: when the case has reached the threshold of no-shows within
     * the window and was not flagged within it, it is flagged for outreach, and told.
     */
    private Uni<Void> noShowCounted(Appointment a) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant since = now.minus(config.noShows().window());
        return Store.lockCase(a.caseId)
                .chain(() -> Store.rows(
                        "select (select count(*) from appointment where case_id in (:case) and status = 'no-show'"
                                + " and starts_at > :since),"
                                + " (select count(*) from outreach_flag where case_id in (:case) and flagged_at > :since)",
                        Map.of("case", List.of(a.caseId), "since", since)))
                .chain(rows -> {
                    long noShows = ((Number) rows.get(0)[0]).longValue();
                    long flags = ((Number) rows.get(0)[1]).longValue();
                    if (noShows < config.noShows().threshold() || flags > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return Store.update(
                                    "insert into outreach_flag (id, case_id, client_id, agency_id, no_shows, since,"
                                            + " flagged_at) values (:id, :case, :client, :agency, :n, :since, :at)",
                                    Map.of(
                                            "id",
                                            UUID.randomUUID(),
                                            "case",
                                            a.caseId,
                                            "client",
                                            a.clientId,
                                            "agency",
                                            a.agencyId,
                                            "n",
                                            (int) noShows,
                                            "since",
                                            since,
                                            "at",
                                            now))
                            .chain(() -> outbox.add(new OutboxMessage(
                                    RESOURCE,
                                    a.clientId.toString(),
                                    a.agencyId,
                                    new CaseOutreachFlaggedV1(
                                            a.caseId.toString(),
                                            a.clientId.toString(),
                                            a.agencyId,
                                            (int) noShows,
                                            since,
                                            now))))
                            .replaceWithVoid();
                });
    }

    /** A case flagged for outreach after repeated no-shows. */
    public record OutreachFlag(UUID caseId, UUID clientId, int noShows, Instant since, Instant flaggedAt) {}

    /** The agency's cases flagged for outreach since {@code since}, latest first. */
    public Uni<List<OutreachFlag>> outreach(Caller caller, Instant since) {
        return Panache.withSession(() -> Store.rows(
                                "select case_id, client_id, no_shows, since, flagged_at from outreach_flag where agency_id"
                                        + " in (:agency) and flagged_at >= :since order by flagged_at desc limit 500",
                                Map.of("agency", List.of(caller.agencyId()), "since", since))
                        .map(rows -> rows.stream()
                                .map(r -> new OutreachFlag(
                                        (UUID) r[0],
                                        (UUID) r[1],
                                        ((Number) r[2]).intValue(),
                                        Store.instant(r[3]),
                                        Store.instant(r[4])))
                                .toList()))
                .call(list -> audit.record(AuditEntry.of(AuditAction.SEARCHED, "outreach-flag", null, null)));
    }

    /** Records a status (history, event, audit) within the transaction. */
    private Uni<Void> moved(
            Caller caller,
            Appointment a,
            AppointmentStatus from,
            AppointmentStatus to,
            String reason,
            AuditAction action) {
        AppointmentStatusChange change = new AppointmentStatusChange();
        change.id = UUID.randomUUID();
        change.appointmentId = a.id;
        change.fromStatus = from == null ? null : from.code();
        change.toStatus = to.code();
        change.reason = blankToNull(reason);
        change.changedBy = caller.userId();
        change.changedAt = a.updatedAt;
        return change.persist()
                .chain(() -> outbox.add(new OutboxMessage(
                        RESOURCE,
                        a.clientId.toString(),
                        a.agencyId,
                        new AppointmentStatusChangedV1(
                                a.id.toString(),
                                a.clientId.toString(),
                                a.caseId == null ? null : a.caseId.toString(),
                                a.agencyId,
                                from,
                                to,
                                a.startsAt,
                                a.updatedAt))))
                .chain(() ->
                        audit.record(caller, AuditEntry.of(action, RESOURCE, a.id.toString(), a.clientId.toString())));
    }

    /**
     * Proposes an appointment for the suite (idempotent by {@code proposedFor}); null when already
     * proposed, or when its case is one this service does not know open (closed since, or never told):
     * there is nobody to propose it to, and trying again would not change that.
     */
    Uni<AppointmentView> propose(Caller system, NewAppointment request, String proposedFor) {
        return Appointment.count("proposedFor", proposedFor).chain(n -> {
            if (n > 0) {
                return Uni.createFrom().nullItem();
            }
            Plan plan = planProposal(system, request);
            return write(system, plan, null, null, proposedFor)
                    .map(list -> list.get(0))
                    .onFailure(NotFoundProblem.class)
                    .recoverWithNull();
        });
    }

    /** A proposal's plan: the event's times are not checked against now (they may be today's). */
    private Plan planProposal(Caller system, NewAppointment r) {
        ZoneId zone = zone("timeZone", r.timeZone());
        ZonedDateTime start = r.start().atZone(zone);
        ZonedDateTime end = r.end().atZone(zone);
        List<Taking> people = r.organizerId() == null || r.organizerId().startsWith("service:")
                ? List.of()
                : List.of(new Taking(r.organizerId(), system.agencyId(), AppointmentRequests.Role.STAFF));
        return new Plan(
                r,
                zone,
                List.of(new Interval(start.toInstant(), end.toInstant())),
                people,
                defaults(),
                AppointmentStatus.PROPOSED,
                r.organizerId() == null ? system.userId() : r.organizerId());
    }

    // ---- views -----------------------------------------------------------------------------------

    static AppointmentView view(
            Caller caller,
            Appointment a,
            List<Taking> people,
            List<AppointmentView.Reminder> reminders,
            List<AppointmentView.Change> history) {
        boolean organizing = a.agencyId.equals(caller.agencyId());
        return new AppointmentView(
                a.id,
                a.agencyId,
                a.clientId,
                a.caseId,
                a.clientInitials,
                a.organizerId,
                Coded.fromCode(AppointmentKind.class, a.kind),
                Coded.fromCode(AppointmentMode.class, a.mode),
                a.location,
                a.videoUrl,
                a.localStart(),
                a.localEnd(),
                a.timeZone,
                a.startsAt,
                a.endsAt,
                a.status(),
                a.statusReason,
                organizing ? a.notes : null,
                a.seriesId,
                a.rescheduledFrom,
                a.rescheduledTo,
                organizing ? a.conflictOverride : null,
                people.stream().map(Taking::view).toList(),
                organizing ? reminders : null,
                organizing ? history : null,
                a.createdBy,
                a.createdAt,
                a.updatedAt);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
