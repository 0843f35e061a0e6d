package org.cairn.scheduling.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.problem.Problems;
import org.cairn.scheduling.Availability;
import org.cairn.scheduling.Interval;
import org.cairn.scheduling.SchedulingConfig;
import org.cairn.scheduling.TimeOff;
import org.cairn.scheduling.rest.AppointmentRequests;

/**
 * Staff members' working hours and time off, and the free slots of a set of people. Staff without
 * working hours of their own work weekdays 9:00 to 17:00 in the network's zone. Free and busy times
 * tell nothing about whom an appointment is with, so anyone of the network may ask for them.
 */
@ApplicationScoped
public class StaffTime {

    /** How far a free-slot search reaches at most. */
    public static final Duration LONGEST_SEARCH = Duration.ofDays(56);

    public static final int MOST_PEOPLE = 10;

    private final SchedulingConfig config;

    StaffTime(SchedulingConfig config) {
        this.config = config;
    }

    /** Weekly hours as stored or defaulted. */
    public record Week(String userId, String timeZone, List<AppointmentRequests.DayHours> hours, boolean defaulted) {}

    /** A staff member's own hours, or a supervisor's setting of them for their agency's staff. */
    static String whose(Caller caller, String userId) {
        String who = "me".equals(userId) ? caller.userId() : userId;
        if (!who.equals(caller.userId()) && !caller.hasRole(Role.SUPERVISOR)) {
            throw Problems.forbidden("own-hours-only", "Staff set their own hours; a supervisor sets anyone's.");
        }
        return who;
    }

    public Uni<Week> setHours(Caller caller, String userId, AppointmentRequests.WeekHours week) {
        String who = whose(caller, userId);
        ZoneId zone = AppointmentService.zone("timeZone", week.timeZone());
        List<AppointmentRequests.DayHours> sorted = new ArrayList<>(week.hours());
        sorted.sort((a, b) ->
                a.day() != b.day() ? a.day().compareTo(b.day()) : a.start().compareTo(b.start()));
        for (int i = 0; i < sorted.size(); i++) {
            AppointmentRequests.DayHours h = sorted.get(i);
            if (!h.end().isAfter(h.start())) {
                throw Problems.invalid("hours[" + i + "].end", "working hours end after they start");
            }
            if (i > 0
                    && sorted.get(i - 1).day() == h.day()
                    && sorted.get(i - 1).end().isAfter(h.start())) {
                throw Problems.invalid("hours", "the hours of " + h.day() + " overlap");
            }
        }
        return Panache.withTransaction(() -> {
                    Uni<Integer> done = Store.update("delete from working_hours where user_id = :u", Map.of("u", who));
                    for (AppointmentRequests.DayHours h : sorted) {
                        done = done.chain(() -> Store.update(
                                "insert into working_hours (user_id, agency_id, weekday, starts, ends, time_zone)"
                                        + " values (:u, :a, :d, :s, :e, :z)",
                                Map.of(
                                        "u", who,
                                        "a", caller.agencyId(),
                                        "d", (short) h.day().getValue(),
                                        "s", h.start(),
                                        "e", h.end(),
                                        "z", zone.getId())));
                    }
                    return done;
                })
                .replaceWith(new Week(who, zone.getId(), sorted, false));
    }

    public Uni<Week> hours(Caller caller, String userId) {
        String who = "me".equals(userId) ? caller.userId() : userId;
        return Panache.withSession(() -> weekly(List.of(who))).map(by -> {
            List<Availability.WeeklyHours> hours = by.get(who);
            boolean defaulted = !by.containsKey(who) || by.get(who).isEmpty();
            List<Availability.WeeklyHours> shown = defaulted ? defaultWeek() : hours;
            return new Week(
                    who,
                    shown.get(0).zone().getId(),
                    shown.stream()
                            .map(h -> new AppointmentRequests.DayHours(h.day(), h.start(), h.end()))
                            .toList(),
                    defaulted);
        });
    }

    private List<Availability.WeeklyHours> defaultWeek() {
        List<Availability.WeeklyHours> week = new ArrayList<>();
        for (DayOfWeek d : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.add(new Availability.WeeklyHours(d, LocalTime.of(9, 0), LocalTime.of(17, 0), config.timeZone()));
        }
        return week;
    }

    /** The weekly hours of each of {@code users} who set some. */
    private static Uni<Map<String, List<Availability.WeeklyHours>>> weekly(List<String> users) {
        return Store.rows(
                        "select user_id, weekday, starts, ends, time_zone from working_hours where user_id in (:u)"
                                + " order by user_id, weekday, starts",
                        Map.of("u", users))
                .map(rows -> {
                    Map<String, List<Availability.WeeklyHours>> by = new HashMap<>();
                    for (Object[] r : rows) {
                        by.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                                .add(new Availability.WeeklyHours(
                                        DayOfWeek.of(((Number) r[1]).intValue()),
                                        (LocalTime) r[2],
                                        (LocalTime) r[3],
                                        ZoneId.of((String) r[4])));
                    }
                    return by;
                });
    }

    public Uni<TimeOff> addTimeOff(Caller caller, String userId, AppointmentRequests.NewTimeOff request) {
        String who = whose(caller, userId);
        if (!request.end().isAfter(request.start())) {
            throw Problems.invalid("end", "time off ends after it starts");
        }
        if (Duration.between(request.start(), request.end()).compareTo(Duration.ofDays(366)) > 0) {
            throw Problems.invalid("end", "time off is at most a year at a time");
        }
        TimeOff t = new TimeOff();
        t.id = UUID.randomUUID();
        t.userId = who;
        t.agencyId = caller.agencyId();
        t.startsAt = request.start().toInstant().truncatedTo(ChronoUnit.MICROS);
        t.endsAt = request.end().toInstant().truncatedTo(ChronoUnit.MICROS);
        t.reason = AppointmentService.blankToNull(request.reason());
        t.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(t::<TimeOff>persist);
    }

    public Uni<List<TimeOff>> timeOff(Caller caller, String userId, Instant from, Instant to) {
        String who = whose(caller, userId);
        return Panache.withSession(() -> TimeOff.<TimeOff>list(
                "userId = ?1 and endsAt > ?2 and startsAt < ?3 order by startsAt", who, from, to));
    }

    public Uni<Void> removeTimeOff(Caller caller, String userId, UUID id) {
        String who = whose(caller, userId);
        return Panache.withTransaction(() -> TimeOff.delete(
                        "id = ?1 and userId = ?2 and agencyId = ?3", id, who, caller.agencyId())
                .map(n -> {
                    if (n == 0) {
                        throw Problems.notFound("time-off", id);
                    }
                    return null;
                }));
    }

    /** The windows of at least {@code length} within [{@code from}, {@code to}) when all of {@code users} are free. */
    public Uni<List<Interval>> free(List<String> users, Instant from, Instant to, Duration length) {
        if (users.isEmpty() || users.size() > MOST_PEOPLE) {
            throw Problems.invalid("participant", "ask for 1 to " + MOST_PEOPLE + " participants");
        }
        if (!to.isAfter(from)) {
            throw Problems.invalid("to", "the range ends after it starts");
        }
        if (Duration.between(from, to).compareTo(LONGEST_SEARCH) > 0) {
            throw Problems.invalid("to", "a search reaches at most 8 weeks");
        }
        if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofHours(12)) > 0) {
            throw Problems.invalid("duration", "a slot lasts more than nothing and at most 12 hours");
        }
        List<String> distinct = users.stream().distinct().toList();
        return Panache.withSession(() -> weekly(distinct)
                .chain(hours -> Store.busy(distinct, null, from, to, null).map(busy -> {
                    Map<String, List<Availability.WeeklyHours>> everyone = new LinkedHashMap<>();
                    for (String u : distinct) {
                        List<Availability.WeeklyHours> theirs = hours.get(u);
                        everyone.put(u, theirs == null || theirs.isEmpty() ? defaultWeek() : theirs);
                    }
                    return Availability.free(everyone, busy, from, to, length);
                })));
    }

    /** The first free window of {@code length} of one person from {@code from} on, within two weeks; null if none. */
    Uni<Instant> firstFree(String userId, Instant from, Duration length) {
        return free(List.of(userId), from, from.plus(Duration.ofDays(14)), length)
                .map(windows -> windows.isEmpty() ? null : windows.get(0).start());
    }
}
