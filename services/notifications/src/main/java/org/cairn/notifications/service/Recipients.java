package org.cairn.notifications.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.Audience;
import org.cairn.notifications.NotificationsConfig;
import org.cairn.notifications.Occasion;

/**
 * Finds the people of an audience: case managers through the case directory kept from the clients
 * service's events, supervisors and intake workers among the agency's staff known here, the client
 * through the contact preferences their agency recorded. Someone named by an event but never seen
 * here is still notified in-app (their inbox waits for them), on no other channel.
 */
@ApplicationScoped
public class Recipients {

    private static final String STAFF_FIELDS =
            "user_id, agency_id, email, phone, push_token, language, time_zone, quiet_start, quiet_end, digest";

    static final String STAFF_COLUMNS = "select " + STAFF_FIELDS + " from staff_member";

    /**
     * A case's primary manager and what is known of them, in one round trip: the case projection is the
     * platform's table ({@code db/cairn-cases}), read here as the platform's CaseDirectory reads it.
     */
    static final String CASE_MANAGER = "select c.primary_case_manager_id, s."
            + STAFF_FIELDS.replace(", ", ", s.")
            + " from case_projection c left join staff_member s on s.user_id = c.primary_case_manager_id"
            + " where c.case_id in (:case) and c.agency_id = :agency";

    private final ZoneId networkZone;

    Recipients(NotificationsConfig config) {
        this.networkZone = config.timeZone();
    }

    /** The audience's people at {@code agencyId}, within the caller's session. */
    public Uni<List<Recipient>> of(Audience audience, String agencyId, Occasion occasion) {
        return switch (audience) {
            case CASE_MANAGER -> caseManager(occasion, agencyId);
            case REFERRING_CASE_MANAGER ->
                occasion.named().containsKey(audience)
                        ? staff(occasion.named().get(audience), agencyId)
                        : caseManager(occasion, agencyId);
            case STAFF_PARTICIPANTS, PREVIOUS_CASE_MANAGER, NEW_CASE_MANAGER ->
                staff(occasion.named().getOrDefault(audience, List.of()), agencyId);
            case SUPERVISORS, RECEIVING_SUPERVISORS -> withRole("supervisor", agencyId, false);
            case ON_CALL_SUPERVISORS ->
                withRole("supervisor", agencyId, true)
                        .chain(onCall -> onCall.isEmpty()
                                ? withRole("supervisor", agencyId, false)
                                : Uni.createFrom().item(onCall));
            case RECEIVING_INTAKE_WORKERS -> withRole("intake-worker", agencyId, false);
            case CLIENT -> client(occasion.clientId(), agencyId);
        };
    }

    private Uni<List<Recipient>> caseManager(Occasion occasion, String agencyId) {
        if (occasion.caseId() == null) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(CASE_MANAGER, Object[].class)
                        .setParameter("case", List.of(occasion.caseId()))
                        .setParameter("agency", agencyId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .filter(r -> r[0] != null)
                        .map(r -> r[1] == null
                                ? unknown((String) r[0], agencyId)
                                : staffRecipient(Arrays.copyOfRange(r, 1, r.length)))
                        .toList());
    }

    /** Staff by id; one not known here gets an in-app only recipient of the agency. */
    Uni<List<Recipient>> staff(List<String> userIds, String agencyId) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(STAFF_COLUMNS + " where user_id in (:ids)", Object[].class)
                        .setParameter("ids", userIds)
                        .getResultList())
                .map(rows -> {
                    Map<String, Recipient> found = new LinkedHashMap<>();
                    rows.forEach(r -> found.put((String) r[0], staffRecipient(r)));
                    List<Recipient> out = new ArrayList<>();
                    for (String id : userIds.stream().distinct().toList()) {
                        Recipient known = found.get(id);
                        out.add(known != null ? known : unknown(id, agencyId));
                    }
                    return out;
                });
    }

    /** Someone named but never seen here: their inbox, in English, and nothing else. */
    private Recipient unknown(String userId, String agencyId) {
        return new Recipient(
                Recipient.STAFF, userId, agencyId, "en", Map.of(), networkZone, null, null, false, true, null);
    }

    private Uni<List<Recipient>> withRole(String role, String agencyId, boolean onCallOnly) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                STAFF_COLUMNS + " where agency_id in (:agency) and :role = any(roles)"
                                        + (onCallOnly ? " and on_call" : "") + " order by user_id",
                                Object[].class)
                        .setParameter("agency", List.of(agencyId))
                        .setParameter("role", role)
                        .getResultList())
                .map(rows -> rows.stream().map(this::staffRecipient).toList());
    }

    private Recipient staffRecipient(Object[] r) {
        Map<NotificationChannel, String> addresses = new EnumMap<>(NotificationChannel.class);
        put(addresses, NotificationChannel.EMAIL, (String) r[2]);
        put(addresses, NotificationChannel.SMS, (String) r[3]);
        put(addresses, NotificationChannel.PUSH, (String) r[4]);
        return new Recipient(
                Recipient.STAFF,
                (String) r[0],
                (String) r[1],
                (String) r[5],
                addresses,
                r[6] == null ? networkZone : ZoneId.of((String) r[6]),
                (LocalTime) r[7],
                (LocalTime) r[8],
                (Boolean) r[9],
                true,
                null);
    }

    private Uni<List<Recipient>> client(UUID clientId, String agencyId) {
        if (clientId == null) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select language, phone, email, push_token, array_to_string(reminder_channels, ','),"
                                        + " safe_to_contact,"
                                        + " time_zone, quiet_start, quiet_end from client_contact"
                                        + " where client_id in (:client) and agency_id = :agency",
                                Object[].class)
                        .setParameter("client", List.of(clientId))
                        .setParameter("agency", agencyId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> {
                            Map<NotificationChannel, String> addresses = new EnumMap<>(NotificationChannel.class);
                            put(addresses, NotificationChannel.SMS, (String) r[1]);
                            put(addresses, NotificationChannel.EMAIL, (String) r[2]);
                            put(addresses, NotificationChannel.PUSH, (String) r[3]);
                            Set<NotificationChannel> agreed = Arrays.stream(((String) r[4]).split(","))
                                    .filter(c -> !c.isEmpty())
                                    .map(c -> Coded.fromCode(NotificationChannel.class, c))
                                    .collect(Collectors.toSet());
                            return new Recipient(
                                    Recipient.CLIENT,
                                    clientId.toString(),
                                    agencyId,
                                    (String) r[0],
                                    addresses,
                                    r[6] == null ? networkZone : ZoneId.of((String) r[6]),
                                    (LocalTime) r[7],
                                    (LocalTime) r[8],
                                    false,
                                    (Boolean) r[5],
                                    agreed);
                        })
                        .toList());
    }

    private static void put(Map<NotificationChannel, String> addresses, NotificationChannel channel, String value) {
        if (value != null && !value.isBlank()) {
            addresses.put(channel, value);
        }
    }
}
