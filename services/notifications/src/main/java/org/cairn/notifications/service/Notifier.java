package org.cairn.notifications.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.NotificationDeliveredV1;
import org.cairn.contracts.events.NotificationFailedV1;
import org.cairn.contracts.vocabulary.NotificationChannel;
import org.cairn.notifications.Audience;
import org.cairn.notifications.NotificationUrgency;
import org.cairn.notifications.NotificationsConfig;
import org.cairn.notifications.Occasion;
import org.cairn.notifications.channel.Channels;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;

/**
 * Writes the notifications of an occasion, inside the transaction that claims its event: for every
 * audience its rules name, the people, one notification each (someone in two audiences gets the
 * more urgent one, on both rules' channels), and its planned deliveries. The notification's unique
 * key (event, recipient) makes a second run of the same event write nothing.
 */
@ApplicationScoped
public class Notifier {

    public static final String RESOURCE = "notification";

    static final String INSERT = """
            with n as (
                insert into notification (id, event_id, event_type, occasion, agency_id, client_id, case_id,
                                          recipient_kind, recipient_id, urgency, language, params, in_app,
                                          created_at, event_time)
                values (cast(:id as uuid), :event, :type, :occasion, :agency, cast(cast(:client as text) as uuid),
                        cast(cast(:case as text) as uuid), :kind, :recipient, :urgency, :language,
                        cast(cast(:params as text) as jsonb), :inApp, now(), :eventTime)
                on conflict (event_id, recipient_kind, recipient_id) do nothing
                returning id)
            insert into delivery (id, notification_id, agency_id, channel, address, status, digest, due_at, reason,
                                  created_at, updated_at)
            select d.id, n.id, :agency, d.channel, d.address, d.status, d.digest, d.due_at, d.reason, now(), now()
              from n cross join jsonb_to_recordset(cast(cast(:deliveries as text) as jsonb))
                   as d(id uuid, channel text, address text, status text, digest boolean, due_at timestamptz,
                        reason text)""";

    private final Rules rules;
    private final Recipients recipients;
    private final Outbox outbox;
    private final Channels channels;
    private final NotificationsConfig config;
    private final ObjectMapper json = new ObjectMapper();

    Notifier(Rules rules, Recipients recipients, Outbox outbox, Channels channels, NotificationsConfig config) {
        this.rules = rules;
        this.recipients = recipients;
        this.outbox = outbox;
        this.channels = channels;
        this.config = config;
    }

    private record Addressed(Recipient recipient, NotificationUrgency urgency, List<NotificationChannel> channels) {}

    /** Notifies everyone the occasion's rules name; how many notifications were written. */
    public Uni<Integer> notify(Occasion occasion) {
        List<Uni<List<Addressed>>> lookups = new ArrayList<>();
        for (Audience audience : rules.audiences(occasion.name())) {
            if (audience == Audience.CLIENT && "staff".equals(occasion.params().get("for"))) {
                continue;
            }
            String agency = audience.ofOtherAgency() ? occasion.otherAgencyId() : occasion.agencyId();
            if (agency == null) {
                continue;
            }
            rules.effective(agency, occasion.name(), audience)
                    .filter(Rules.Rule::enabled)
                    .ifPresent(rule -> lookups.add(recipients
                            .of(audience, agency, occasion)
                            .map(people -> people.stream()
                                    .map(p -> new Addressed(p, rule.urgency(), rule.channels()))
                                    .toList())));
        }
        if (lookups.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // one after another: they share the inbox's session
        return Multi.createFrom()
                .iterable(lookups)
                .onItem()
                .transformToUniAndConcatenate(u -> u)
                .collect()
                .asList()
                .chain(found -> {
                    Map<String, Addressed> merged = new LinkedHashMap<>();
                    found.stream()
                            .flatMap(List::stream)
                            .forEach(a -> merged.merge(
                                    a.recipient().kind() + ":" + a.recipient().id(), a, Notifier::merge));
                    Instant now = Instant.now();
                    return Multi.createFrom()
                            .iterable(merged.values())
                            .onItem()
                            .transformToUniAndConcatenate(a -> write(occasion, a, now))
                            .collect()
                            .asList()
                            .map(written ->
                                    (int) written.stream().filter(w -> w).count());
                });
    }

    private static Addressed merge(Addressed a, Addressed b) {
        NotificationUrgency urgency = a.urgency().compareTo(b.urgency()) <= 0 ? a.urgency() : b.urgency();
        List<NotificationChannel> channels = new ArrayList<>(a.channels());
        b.channels().stream().filter(c -> !channels.contains(c)).forEach(channels::add);
        return new Addressed(a.recipient(), urgency, channels);
    }

    private Uni<Boolean> write(Occasion occasion, Addressed a, Instant now) {
        Recipient r = a.recipient();
        List<DeliveryPlan.Planned> planned = DeliveryPlan.plan(
                r,
                a.channels(),
                a.urgency(),
                now,
                channels.usable(),
                config.digest().at());
        UUID id = UUID.randomUUID();
        String params;
        String deliveries;
        try {
            params = json.writeValueAsString(occasion.params());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (DeliveryPlan.Planned p : planned) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", p.id().toString());
                row.put("channel", p.channel().code());
                row.put("address", p.address());
                row.put("status", p.status());
                row.put("digest", p.digest());
                row.put("due_at", p.dueAt() == null ? null : p.dueAt().toString());
                row.put("reason", p.reason());
                rows.add(row);
            }
            deliveries = json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        boolean inApp = planned.stream()
                .anyMatch(p -> p.channel() == NotificationChannel.IN_APP && "delivered".equals(p.status()));
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(INSERT)
                        .setParameter("id", id.toString())
                        .setParameter("event", occasion.eventId())
                        .setParameter("type", occasion.eventType())
                        .setParameter("occasion", occasion.name())
                        .setParameter("agency", r.agencyId())
                        .setParameter(
                                "client",
                                occasion.clientId() == null
                                        ? null
                                        : occasion.clientId().toString())
                        .setParameter(
                                "case",
                                occasion.caseId() == null
                                        ? null
                                        : occasion.caseId().toString())
                        .setParameter("kind", r.kind())
                        .setParameter("recipient", r.id())
                        .setParameter("urgency", a.urgency().code())
                        .setParameter("language", Templates.language(r.language()))
                        .setParameter("params", params)
                        .setParameter("inApp", inApp)
                        .setParameter("eventTime", occasion.time())
                        .setParameter("deliveries", deliveries)
                        .executeUpdate())
                .chain(n -> n == 0 ? Uni.createFrom().item(false) : announce(occasion, r, id, planned, now));
    }

    /** Tells the deliveries settled on writing: the in-app ones, and the undeliverable. */
    private Uni<Boolean> announce(
            Occasion occasion, Recipient r, UUID id, List<DeliveryPlan.Planned> planned, Instant now) {
        List<OutboxMessage> messages = new ArrayList<>();
        String key = occasion.clientId() != null ? occasion.clientId().toString() : id.toString();
        String client = occasion.clientId() == null ? null : occasion.clientId().toString();
        String user = r.isStaff() ? r.id() : null;
        for (DeliveryPlan.Planned p : planned) {
            if ("delivered".equals(p.status())) {
                messages.add(new OutboxMessage(
                        RESOURCE,
                        key,
                        r.agencyId(),
                        new NotificationDeliveredV1(
                                id.toString(),
                                p.id().toString(),
                                r.agencyId(),
                                client,
                                user,
                                occasion.eventType(),
                                p.channel(),
                                null,
                                now)));
            } else if ("undeliverable".equals(p.status())) {
                messages.add(new OutboxMessage(
                        RESOURCE,
                        key,
                        r.agencyId(),
                        new NotificationFailedV1(
                                id.toString(),
                                p.id().toString(),
                                r.agencyId(),
                                client,
                                user,
                                occasion.eventType(),
                                p.channel(),
                                p.reason(),
                                0,
                                null,
                                now)));
            }
        }
        return Multi.createFrom()
                .iterable(messages)
                .onItem()
                .transformToUniAndConcatenate(outbox::add)
                .collect()
                .asList()
                .replaceWith(true);
    }
}
