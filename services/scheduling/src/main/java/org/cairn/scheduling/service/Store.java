package org.cairn.scheduling.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.ReminderRecipient;
import org.cairn.scheduling.AppointmentLifecycle;
import org.cairn.scheduling.Availability;
import org.cairn.scheduling.rest.AppointmentRequests;
import org.cairn.scheduling.rest.AppointmentView;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The native SQL of the service, run in the caller's Hibernate session: participants, reminders,
 * busy times and locks. Every select binds at least one list-valued parameter, which keeps it out of
 * Hibernate 7.2's native plan cache (see the platform's {@code CaseDirectory.find}).
 */
final class Store {

    /** The client's own busy times are told apart from the staff's by this name. */
    static final String CLIENT = "client";

    /** An appointment lasts at most this long (the table checks it), which bounds overlap searches. */
    static final Duration LONGEST = Duration.ofHours(12);

    private static final List<String> BUSY_CODES = AppointmentLifecycle.BUSY.stream()
            .map(AppointmentStatus::code)
            .sorted()
            .toList();

    private Store() {}

    /** Someone taking part: a participant row. */
    record Taking(String userId, String agencyId, AppointmentRequests.Role role) {

        AppointmentView.Participant view() {
            return new AppointmentView.Participant(userId, agencyId, role);
        }
    }

    static Uni<List<Object[]>> rows(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery(sql, Object[].class);
            params.forEach(q::setParameter);
            return q.getResultList();
        });
    }

    static Uni<Integer> update(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            Mutiny.Query<Object> q = s.createNativeQuery(sql);
            params.forEach(q::setParameter);
            return q.executeUpdate();
        });
    }

    /**
     * Takes the transaction-scoped locks of the people of a booking (staff and client), in one
     * order, so that two bookings of one person are checked for clashes one after the other.
     */
    static Uni<Void> lockPeople(Collection<String> userIds, UUID clientId) {
        TreeSet<Long> keys = new TreeSet<>();
        userIds.forEach(u -> keys.add(key("user:" + u)));
        keys.add(key("client:" + clientId));
        return advisoryLocks(keys);
    }

    /** A lock of one case, for counting its no-shows. */
    static Uni<Void> lockCase(UUID caseId) {
        return advisoryLocks(List.of(key("case:" + caseId)));
    }

    /**
     * Takes the advisory locks one after the other in the order given (unnest keeps it). The keys
     * travel as one text; {@code 1 in (:one)} is the list-valued binding that keeps the select out
     * of the plan cache.
     */
    private static Uni<Void> advisoryLocks(Collection<Long> keys) {
        return rows(
                        "select count(*) from (select pg_advisory_xact_lock(cast(k as bigint)) from"
                                + " unnest(string_to_array(:keys, ',')) k) x where 1 in (:one)",
                        Map.of(
                                "keys",
                                String.join(
                                        ",", keys.stream().map(String::valueOf).toList()),
                                "one",
                                List.of(1)))
                .replaceWithVoid();
    }

    private static long key(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /**
     * The busy times within [{@code from}, {@code to}) of staff {@code userIds} (appointments held,
     * time off) and of the client (appointments held at any agency), leaving out {@code excluded}.
     */
    static Uni<List<Availability.Busy>> busy(
            Collection<String> userIds, UUID clientId, Instant from, Instant to, UUID excluded) {
        List<String> users = userIds.isEmpty() ? List.of("") : List.copyOf(userIds);
        return rows(
                        """
                        select p.user_id, p.starts_at, p.ends_at, 'appointment' from appointment_participant p
                         where p.busy and p.user_id in (:users) and p.starts_at < :to and p.starts_at > :earliest
                           and p.ends_at > :from and p.appointment_id <> :excluded
                        union all
                        select 'client', a.starts_at, a.ends_at, 'appointment' from appointment a
                         where a.client_id in (:client) and a.status in (:busy) and a.starts_at < :to
                           and a.starts_at > :earliest and a.ends_at > :from and a.id <> :excluded
                        union all
                        select t.user_id, t.starts_at, t.ends_at, 'time-off' from time_off t
                         where t.user_id in (:users) and t.starts_at < :to and t.ends_at > :from""",
                        Map.of(
                                "users", users,
                                "client", List.of(clientId == null ? new UUID(0, 0) : clientId),
                                "busy", BUSY_CODES,
                                "from", from,
                                "to", to,
                                "earliest", from.minus(LONGEST),
                                "excluded", excluded == null ? new UUID(0, 0) : excluded))
                .map(rows -> rows.stream()
                        .map(r -> new Availability.Busy((String) r[0], instant(r[1]), instant(r[2]), (String) r[3]))
                        .toList());
    }

    /** Adds the participants of an appointment. */
    static Uni<Void> addParticipants(
            UUID appointmentId, List<Taking> people, Instant start, Instant end, boolean busy) {
        if (people.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder(
                "insert into appointment_participant (appointment_id, user_id, agency_id, role, starts_at, ends_at, busy)"
                        + " values ");
        Map<String, Object> params =
                new java.util.HashMap<>(Map.of("id", appointmentId, "s", start, "e", end, "b", busy));
        for (int i = 0; i < people.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:id, :u")
                    .append(i)
                    .append(", :a")
                    .append(i)
                    .append(", :r")
                    .append(i)
                    .append(", :s, :e, :b)");
            params.put("u" + i, people.get(i).userId());
            params.put("a" + i, people.get(i).agencyId());
            params.put("r" + i, people.get(i).role().code());
        }
        return update(sql.toString(), params).replaceWithVoid();
    }

    /** Whether the appointments' participants hold their time now (after a status change). */
    static Uni<Void> participantsBusy(UUID appointmentId, boolean busy) {
        return update(
                        "update appointment_participant set busy = :b where appointment_id = :id",
                        Map.of("b", busy, "id", appointmentId))
                .replaceWithVoid();
    }

    /** The participants of the appointments, by appointment. */
    static Uni<Map<UUID, List<Taking>>> participants(Collection<UUID> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return rows(
                        "select appointment_id, user_id, agency_id, role from appointment_participant"
                                + " where appointment_id in (:ids) order by appointment_id, role, user_id",
                        Map.of("ids", List.copyOf(appointmentIds)))
                .map(rows -> {
                    Map<UUID, List<Taking>> by = new java.util.HashMap<>();
                    for (Object[] r : rows) {
                        by.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                                .add(new Taking(
                                        (String) r[1],
                                        (String) r[2],
                                        Coded.fromCode(AppointmentRequests.Role.class, (String) r[3])));
                    }
                    return by;
                });
    }

    /** Adds the reminders of an appointment starting at {@code start}; those already past are left out. */
    static Uni<List<AppointmentView.Reminder>> addReminders(
            UUID appointmentId, List<AppointmentRequests.ReminderRequest> reminders, Instant start, Instant now) {
        List<AppointmentView.Reminder> made = new ArrayList<>();
        for (AppointmentRequests.ReminderRequest r : reminders) {
            Instant due = start.minus(r.before());
            if (due.isAfter(now)) {
                made.add(new AppointmentView.Reminder(UUID.randomUUID(), r.to(), r.before(), due, null));
            }
        }
        if (made.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder sql = new StringBuilder(
                "insert into reminder (id, appointment_id, recipient, before_minutes, due_at) values ");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("a", appointmentId));
        for (int i = 0; i < made.size(); i++) {
            AppointmentView.Reminder r = made.get(i);
            sql.append(i == 0 ? "" : ", ")
                    .append("(:i")
                    .append(i)
                    .append(", :a, :t")
                    .append(i)
                    .append(", :m")
                    .append(i)
                    .append(", :d")
                    .append(i)
                    .append(")");
            params.put("i" + i, r.id());
            params.put("t" + i, r.to().code());
            params.put("m" + i, (int) r.before().toMinutes());
            params.put("d" + i, r.dueAt());
        }
        return update(sql.toString(), params).replaceWith(made);
    }

    /** Drops the reminders not yet sent (the appointment was cancelled or moved). */
    static Uni<Void> dropReminders(UUID appointmentId) {
        return update(
                        "update reminder set cancelled_at = now() where appointment_id = :a and sent_at is null"
                                + " and cancelled_at is null",
                        Map.of("a", appointmentId))
                .replaceWithVoid();
    }

    /** The reminders of an appointment, not dropped. */
    static Uni<List<AppointmentView.Reminder>> reminders(UUID appointmentId) {
        return rows(
                        "select id, recipient, before_minutes, due_at, sent_at from reminder where appointment_id in (:a)"
                                + " and cancelled_at is null order by due_at, recipient",
                        Map.of("a", List.of(appointmentId)))
                .map(rows -> rows.stream()
                        .map(r -> new AppointmentView.Reminder(
                                (UUID) r[0],
                                Coded.fromCode(ReminderRecipient.class, (String) r[1]),
                                Duration.ofMinutes(((Number) r[2]).longValue()),
                                instant(r[3]),
                                r[4] == null ? null : instant(r[4])))
                        .toList());
    }

    /** The offsets and recipients of an appointment's reminders, for its successor when it is moved. */
    static Uni<List<AppointmentRequests.ReminderRequest>> reminderPlan(UUID appointmentId) {
        return rows(
                        "select distinct recipient, before_minutes from reminder where appointment_id in (:a)",
                        Map.of("a", List.of(appointmentId)))
                .map(rows -> rows.stream()
                        .map(r -> new AppointmentRequests.ReminderRequest(
                                Duration.ofMinutes(((Number) r[1]).longValue()),
                                Coded.fromCode(ReminderRecipient.class, (String) r[0])))
                        .toList());
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException(
                "not a time: " + (value == null ? "null" : value.getClass().getName()));
    }
}
