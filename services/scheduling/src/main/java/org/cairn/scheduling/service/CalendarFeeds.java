package org.cairn.scheduling.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.problem.Problems;
import org.cairn.scheduling.Appointment;
import org.cairn.scheduling.SchedulingConfig;

/**
 * iCalendar (RFC 5545) for staff: a feed of each one's appointments behind a secret token of their
 * own (kept only as its SHA-256, shown once, revocable), and single appointments as {@code .ics}.
 * An event tells the kind of appointment, the client's initials at most, the time and the place;
 * never notes. Times are written in UTC, which every calendar shows in its own zone.
 */
@ApplicationScoped
public class CalendarFeeds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuditTrail audit;
    private final SchedulingConfig config;

    CalendarFeeds(AuditTrail audit, SchedulingConfig config) {
        this.audit = audit;
        this.config = config;
    }

    /** A new feed token for the caller, replacing (and so revoking) any earlier one. */
    public Uni<String> issue(Caller caller) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return Panache.withTransaction(() -> Store.update(
                        "insert into calendar_feed (user_id, agency_id, token_hash, created_at) values (:u, :a, :h, now())"
                                + " on conflict (user_id) do update set agency_id = excluded.agency_id,"
                                + " token_hash = excluded.token_hash, created_at = excluded.created_at",
                        Map.of("u", caller.userId(), "a", caller.agencyId(), "h", hash(token))))
                .replaceWith(token);
    }

    public Uni<Void> revoke(Caller caller) {
        return Panache.withTransaction(() ->
                        Store.update("delete from calendar_feed where user_id = :u", Map.of("u", caller.userId())))
                .replaceWithVoid();
    }

    /** The feed of the token's owner; 404 for a token that is not (or no longer) one. */
    public Uni<String> feed(String token) {
        return Panache.withSession(() -> Store.rows(
                        "select user_id, agency_id from calendar_feed where token_hash in (:h)",
                        Map.of("h", List.of(hash(token))))
                .chain(owners -> {
                    if (owners.isEmpty()) {
                        return Uni.createFrom().failure(Problems.notFound("calendar-feed", "this token"));
                    }
                    String userId = (String) owners.get(0)[0];
                    String agencyId = (String) owners.get(0)[1];
                    Instant now = Instant.now();
                    return Store.rows(
                                    "select a.id, a.starts_at from appointment a where a.id in (select"
                                            + " p.appointment_id from appointment_participant p where p.user_id"
                                            + " in (:u) and p.starts_at >= :from and p.starts_at < :to)"
                                            + " order by a.starts_at",
                                    Map.of(
                                            "u", List.of(userId),
                                            "from", now.minus(config.feeds().past()),
                                            "to", now.plus(config.feeds().ahead())))
                            .chain(rows -> rows.isEmpty()
                                    ? Uni.createFrom().item(List.<Appointment>of())
                                    : Appointment.<Appointment>list(
                                            "id in ?1 order by startsAt, id",
                                            rows.stream().map(r -> (UUID) r[0]).toList()))
                            .call(list -> read(new Caller(agencyId, userId, userId, Set.of(), null, null), list))
                            .map(CalendarFeeds::calendar);
                }));
    }

    /** One audit record per client whose appointments the feed showed. */
    private Uni<Void> read(Caller owner, List<Appointment> shown) {
        Map<UUID, UUID> clients = new HashMap<>();
        shown.forEach(a -> clients.putIfAbsent(a.clientId, a.id));
        return Uni.join()
                .all(clients.entrySet().stream()
                        .map(c -> audit.record(
                                owner,
                                AuditEntry.of(
                                        AuditAction.VIEWED,
                                        AppointmentService.RESOURCE,
                                        c.getValue().toString(),
                                        c.getKey().toString())))
                        .toList())
                .andCollectFailures()
                .replaceWithVoid();
    }

    public static String calendar(List<Appointment> appointments) {
        Calendar cal = new Calendar();
        cal.add(new ProdId("-//Cairn//Scheduling//EN"));
        cal.add(ImmutableVersion.VERSION_2_0);
        cal.add(ImmutableCalScale.GREGORIAN);
        cal.add(ImmutableMethod.PUBLISH);
        for (Appointment a : appointments) {
            cal.add(event(a));
        }
        return cal.toString();
    }

    static VEvent event(Appointment a) {
        String kind = Coded.fromCode(AppointmentKind.class, a.kind).code().replace('-', ' ');
        String summary = Character.toUpperCase(kind.charAt(0))
                + kind.substring(1)
                + (a.clientInitials == null ? "" : " with " + String.join(".", a.clientInitials.split("")) + ".");
        VEvent e = new VEvent(a.startsAt, a.endsAt, summary);
        e.add(new Uid(a.id + "@cairn"));
        AppointmentStatus status = a.status();
        e.add(
                switch (status) {
                    case PROPOSED -> ImmutableStatus.VEVENT_TENTATIVE;
                    case CANCELLED, RESCHEDULED -> ImmutableStatus.VEVENT_CANCELLED;
                    default -> ImmutableStatus.VEVENT_CONFIRMED;
                });
        if ("in-person".equals(a.mode) && a.location != null) {
            e.add(new Location(a.location));
        }
        e.add(new Description(("video".equals(a.mode) ? "By video. " : "phone".equals(a.mode) ? "By phone. " : "")
                + "Details in Cairn."));
        return e;
    }

    static String hash(String token) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
