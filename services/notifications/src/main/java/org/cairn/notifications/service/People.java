package org.cairn.notifications.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.problem.Problems;

/**
 * The people notifications reaches and how: staff (known from their own sign-ins, with the channels,
 * language, quiet hours and digest choice they set; supervisors on call), and clients (the contact
 * preferences an agency serving them recorded with them). Reading and changing a client's contact
 * preferences is audited.
 */
@ApplicationScoped
public class People {

    public static final String CLIENT_CONTACT = "client-contact";

    /** Quiet hours: no routine or urgent message outside the app between start and end (local time). */
    public record QuietHours(LocalTime start, LocalTime end) {}

    /** A staff member's own settings. */
    public record StaffPreferences(
            String userId,
            String agencyId,
            String language,
            String email,
            String phone,
            String pushToken,
            String timeZone,
            QuietHours quietHours,
            boolean digest,
            boolean onCall) {}

    /** A staff member as their supervisors see them: no addresses, only which channels reach them. */
    public record StaffSummary(
            String userId, String username, List<String> roles, boolean onCall, List<String> channels) {}

    /** How a client may be reached, as their agency recorded it with them. */
    public record ClientContact(
            UUID clientId,
            String language,
            String phone,
            String email,
            String pushToken,
            List<NotificationChannel> reminderChannels,
            boolean safeToContact,
            String timeZone,
            QuietHours quietHours) {}

    private final Pool pool;
    private final AuditTrail audit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    People(Pool pool, AuditTrail audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /**
     * Records the caller as reachable staff of their agency, with their roles and the token's email,
     * once per instance and change of roles; their own settings are kept.
     */
    public Uni<Void> seen(Caller caller, String tokenEmail) {
        String key = caller.userId() + " " + caller.agencyId() + " " + caller.roles() + " " + tokenEmail;
        if (seen.contains(key)) {
            return Uni.createFrom().voidItem();
        }
        return listed(caller.userId(), caller.agencyId(), caller.username(), caller.roles(), tokenEmail)
                .invoke(() -> seen.add(key));
    }

    /**
     * Records a member of an agency's staff as the identity provider lists them (their sign-in or the
     * directory): agency, username, Cairn roles and, unless they set one, email; their own settings
     * are kept.
     */
    public Uni<Void> listed(String userId, String agencyId, String username, Set<Role> roles, String email) {
        String[] codes = roles.stream().map(Role::code).sorted().toArray(String[]::new);
        return pool.preparedQuery("insert into staff_member (user_id, agency_id, username, roles, email, updated_at)"
                        + " values ($1, $2, $3, $4, $5, now()) on conflict (user_id) do update"
                        + " set agency_id = excluded.agency_id, username = excluded.username, roles = excluded.roles,"
                        + " email = coalesce(staff_member.email, excluded.email), updated_at = now()")
                .execute(Tuple.of(userId, agencyId, username, codes, email))
                .replaceWithVoid();
    }

    /**
     * Takes the roles from every staff member who is not among {@code members} (the identity
     * provider's active members of all agencies): they have left, or were disabled. Their row and
     * own settings stay (an in-app item may still name them); no audience finds them by role.
     */
    public Uni<Void> unlistedExcept(List<String> members) {
        return pool.preparedQuery("update staff_member set roles = '{}', updated_at = now()"
                        + " where roles <> '{}' and not (user_id = any($1))")
                .execute(Tuple.of((Object) members.toArray(String[]::new)))
                .replaceWithVoid();
    }

    public Uni<StaffPreferences> preferences(Caller caller) {
        return pool.preparedQuery("select user_id, agency_id, language, email, phone, push_token, time_zone,"
                        + " quiet_start, quiet_end, digest, on_call from staff_member where user_id = $1")
                .execute(Tuple.of(caller.userId()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw Problems.notFound("staff-member", caller.userId());
                    }
                    Row r = rows.iterator().next();
                    return new StaffPreferences(
                            r.getString("user_id"),
                            r.getString("agency_id"),
                            r.getString("language"),
                            r.getString("email"),
                            r.getString("phone"),
                            r.getString("push_token"),
                            r.getString("time_zone"),
                            quiet(r),
                            r.getBoolean("digest"),
                            r.getBoolean("on_call"));
                });
    }

    /** Replaces the caller's own settings. */
    public Uni<StaffPreferences> setPreferences(
            Caller caller,
            String language,
            String email,
            String phone,
            String pushToken,
            ZoneId zone,
            QuietHours quiet,
            boolean digest) {
        return pool.preparedQuery("update staff_member set language = $2, email = $3, phone = $4, push_token = $5,"
                        + " time_zone = $6, quiet_start = $7, quiet_end = $8, digest = $9, updated_at = now()"
                        + " where user_id = $1")
                .execute(Tuple.from(new Object[] {
                    caller.userId(),
                    language,
                    email,
                    phone,
                    pushToken,
                    zone == null ? null : zone.getId(),
                    quiet == null ? null : quiet.start(),
                    quiet == null ? null : quiet.end(),
                    digest
                }))
                .chain(() -> preferences(caller));
    }

    /** The agency's staff known here, for its supervisors. */
    public Uni<List<StaffSummary>> staffOf(String agencyId) {
        return pool.preparedQuery("select user_id, username, roles, on_call, email is not null as email,"
                        + " phone is not null as phone, push_token is not null as push from staff_member"
                        + " where agency_id = $1 order by username, user_id")
                .execute(Tuple.of(agencyId))
                .map(rows -> {
                    List<StaffSummary> out = new ArrayList<>();
                    for (Row r : rows) {
                        List<String> channels = new ArrayList<>(List.of("in-app"));
                        if (r.getBoolean("email")) channels.add("email");
                        if (r.getBoolean("phone")) channels.add("sms");
                        if (r.getBoolean("push")) channels.add("push");
                        out.add(new StaffSummary(
                                r.getString("user_id"),
                                r.getString("username"),
                                List.of(r.getArrayOfStrings("roles")),
                                r.getBoolean("on_call"),
                                channels));
                    }
                    return out;
                });
    }

    /** Puts a supervisor of the caller's agency on call or off it; another agency's is not found. */
    public Uni<Void> setOnCall(Caller caller, String userId, boolean onCall) {
        return pool.preparedQuery("update staff_member set on_call = $3, updated_at = now()"
                        + " where user_id = $1 and agency_id = $2 and 'supervisor' = any(roles)")
                .execute(Tuple.of(userId, caller.agencyId(), onCall))
                .invoke(r -> {
                    if (r.rowCount() == 0) {
                        throw Problems.notFound("staff-member", userId);
                    }
                })
                .replaceWithVoid();
    }

    /** Whether the agency serves the client (has a case of theirs, open or not), per the case events. */
    private Uni<Void> servedBy(UUID clientId, String agencyId) {
        return pool.preparedQuery("select 1 from case_projection where client_id = $1 and agency_id = $2 limit 1")
                .execute(Tuple.of(clientId, agencyId))
                .invoke(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw Problems.notFound("client", clientId);
                    }
                })
                .replaceWithVoid();
    }

    public Uni<ClientContact> clientContact(Caller caller, UUID clientId) {
        return servedBy(clientId, caller.agencyId())
                .chain(() -> pool.preparedQuery("select language, phone, email, push_token, reminder_channels,"
                                + " safe_to_contact, time_zone, quiet_start, quiet_end from client_contact"
                                + " where client_id = $1 and agency_id = $2")
                        .execute(Tuple.of(clientId, caller.agencyId())))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw Problems.notFound(CLIENT_CONTACT, clientId);
                    }
                    return contact(clientId, rows.iterator().next());
                })
                .call(() -> audit.record(
                        AuditEntry.of(AuditAction.VIEWED, CLIENT_CONTACT, clientId.toString(), clientId.toString())));
    }

    /** Records (replaces) how the caller's agency may reach the client. */
    public Uni<ClientContact> setClientContact(Caller caller, ClientContact c) {
        String[] channels =
                c.reminderChannels().stream().map(Coded::code).distinct().toArray(String[]::new);
        return servedBy(c.clientId(), caller.agencyId())
                .chain(() -> pool.withTransaction(conn -> conn.preparedQuery("insert into client_contact"
                                + " (client_id, agency_id, language, phone, email, push_token, reminder_channels,"
                                + " safe_to_contact, time_zone, quiet_start, quiet_end, updated_by, updated_at)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())"
                                + " on conflict (client_id, agency_id) do update set language = excluded.language,"
                                + " phone = excluded.phone, email = excluded.email, push_token = excluded.push_token,"
                                + " reminder_channels = excluded.reminder_channels,"
                                + " safe_to_contact = excluded.safe_to_contact, time_zone = excluded.time_zone,"
                                + " quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,"
                                + " updated_by = excluded.updated_by, updated_at = now()")
                        .execute(Tuple.from(new Object[] {
                            c.clientId(),
                            caller.agencyId(),
                            c.language(),
                            c.phone(),
                            c.email(),
                            c.pushToken(),
                            channels,
                            c.safeToContact(),
                            c.timeZone(),
                            c.quietHours() == null ? null : c.quietHours().start(),
                            c.quietHours() == null ? null : c.quietHours().end(),
                            caller.userId()
                        }))))
                .call(() -> audit.record(AuditEntry.of(
                        AuditAction.UPDATED,
                        CLIENT_CONTACT,
                        c.clientId().toString(),
                        c.clientId().toString())))
                .replaceWith(c);
    }

    private static ClientContact contact(UUID clientId, Row r) {
        return new ClientContact(
                clientId,
                r.getString("language"),
                r.getString("phone"),
                r.getString("email"),
                r.getString("push_token"),
                java.util.Arrays.stream(r.getArrayOfStrings("reminder_channels"))
                        .map(x -> Coded.fromCode(NotificationChannel.class, x))
                        .toList(),
                r.getBoolean("safe_to_contact"),
                r.getString("time_zone"),
                quiet(r));
    }

    private static QuietHours quiet(Row r) {
        LocalTime start = r.getLocalTime("quiet_start");
        return start == null ? null : new QuietHours(start, r.getLocalTime("quiet_end"));
    }
}
