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

    /**
     * Every notification of an occasion and their deliveries in one statement: {@code :rows} is a JSON
     * array of the notifications, each with its deliveries; the ids of those written come back (a
     * recipient the event already notified is skipped by the unique key, with its deliveries).
     */
    static final String INSERT = """
            with r as (
                select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                    as r(id uuid, agency text, kind text, recipient text, urgency text, language text,
                         in_app boolean, deliveries jsonb)),
            n as (
                insert into notification (id, event_id, event_type, occasion, agency_id, client_id, case_id,
                                          recipient_kind, recipient_id, urgency, language, params, in_app,
                                          created_at, event_time)
                select r.id, :event, :type, :occasion, r.agency, cast(cast(:client as text) as uuid),
                       cast(cast(:case as text) as uuid), r.kind, r.recipient, r.urgency, r.language,
                       cast(cast(:params as text) as jsonb), r.in_app, clock_timestamp(), :eventTime
                  from r
                on conflict (event_id, recipient_kind, recipient_id) do nothing
                returning id, agency_id),
            d as (
                insert into delivery (id, notification_id, agency_id, channel, address, status, digest, due_at,
                                      reason, created_at, updated_at)
                select (x->>'id')::uuid, n.id, n.agency_id, x->>'channel', x->>'address', x->>'status',
                       (x->>'digest')::boolean, (x->>'due_at')::timestamptz, x->>'reason', now(), now()
                  from n join r on r.id = n.id cross join jsonb_array_elements(r.deliveries) x
                returning notification_id)
            select n.id from n where 1 in (:one)""";

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
                    return write(occasion, List.copyOf(merged.values()), Instant.now());
                });
    }

    private static Addressed merge(Addressed a, Addressed b) {
        NotificationUrgency urgency = a.urgency().compareTo(b.urgency()) <= 0 ? a.urgency() : b.urgency();
        List<NotificationChannel> channels = new ArrayList<>(a.channels());
        b.channels().stream().filter(c -> !channels.contains(c)).forEach(channels::add);
        return new Addressed(a.recipient(), urgency, channels);
    }

    /** A recipient's notification as written: its id, and its planned deliveries. */
    private record Planned(UUID id, Addressed addressed, List<DeliveryPlan.Planned> deliveries) {}

    private Uni<Integer> write(Occasion occasion, List<Addressed> all, Instant now) {
        List<Planned> planned = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Addressed a : all) {
            Recipient r = a.recipient();
            Planned p = new Planned(
                    UUID.randomUUID(),
                    a,
                    DeliveryPlan.plan(
                            r,
                            a.channels(),
                            a.urgency(),
                            now,
                            channels.usable(),
                            config.digest().at()));
            planned.add(p);
            List<Map<String, Object>> deliveries = new ArrayList<>();
            for (DeliveryPlan.Planned d : p.deliveries()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", d.id().toString());
                row.put("channel", d.channel().code());
                row.put("address", d.address());
                row.put("status", d.status());
                row.put("digest", d.digest());
                row.put("due_at", d.dueAt() == null ? null : d.dueAt().toString());
                row.put("reason", d.reason());
                deliveries.add(row);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.id().toString());
            row.put("agency", r.agencyId());
            row.put("kind", r.kind());
            row.put("recipient", r.id());
            row.put("urgency", a.urgency().code());
            row.put("language", Templates.language(r.language()));
            row.put(
                    "in_app",
                    p.deliveries().stream()
                            .anyMatch(
                                    d -> d.channel() == NotificationChannel.IN_APP && "delivered".equals(d.status())));
            row.put("deliveries", deliveries);
            rows.add(row);
        }
        String params;
        String json;
        try {
            params = this.json.writeValueAsString(occasion.params());
            json = this.json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(INSERT, UUID.class)
                        .setParameter("rows", json)
                        .setParameter("event", occasion.eventId())
                        .setParameter("type", occasion.eventType())
                        .setParameter("occasion", occasion.name())
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
                        .setParameter("params", params)
                        .setParameter("eventTime", occasion.time())
                        .setParameter("one", List.of(1))
                        .getResultList())
                .chain(written -> {
                    List<Planned> done = planned.stream()
                            .filter(p -> written.contains(p.id()))
                            .toList();
                    return announce(occasion, done, now).replaceWith(done.size());
                });
    }

    /**
     * Tells the deliveries that failed on writing (no usable channel, not safe to contact). An in-app
     * item is not told: it is delivered by being written, every notification has one, and telling
     * each would double the service's writes for nothing anyone reads.
     */
    private Uni<Void> announce(Occasion occasion, List<Planned> written, Instant now) {
        List<OutboxMessage> messages = new ArrayList<>();
        String client = occasion.clientId() == null ? null : occasion.clientId().toString();
        for (Planned p : written) {
            Recipient r = p.addressed().recipient();
            String key = client != null ? client : p.id().toString();
            for (DeliveryPlan.Planned d : p.deliveries()) {
                if ("undeliverable".equals(d.status())) {
                    messages.add(new OutboxMessage(
                            RESOURCE,
                            key,
                            r.agencyId(),
                            new NotificationFailedV1(
                                    p.id().toString(),
                                    d.id().toString(),
                                    r.agencyId(),
                                    client,
                                    r.isStaff() ? r.id() : null,
                                    occasion.eventType(),
                                    d.channel(),
                                    d.reason(),
                                    0,
                                    null,
                                    now)));
                }
            }
        }
        return Multi.createFrom()
                .iterable(messages)
                .onItem()
                .transformToUniAndConcatenate(outbox::add)
                .collect()
                .asList()
                .replaceWithVoid();
    }
}
