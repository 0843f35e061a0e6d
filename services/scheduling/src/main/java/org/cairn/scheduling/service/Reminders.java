package org.cairn.scheduling.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cairn.contracts.events.AppointmentReminderTimeReachedV1;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentMode;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.ReminderRecipient;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.timers.DueSweep;
import org.cairn.scheduling.SchedulingConfig;

/**
 * Tells reminders that fell due, each once: a batch of due reminders is taken under
 * {@code FOR UPDATE SKIP LOCKED} (two instances never take the same one), marked sent and told as
 * {@code cairn.appointment.reminder-time-reached.v1} in one transaction. A reminder of an appointment
 * no longer held (cancelled, moved, still only proposed) or already begun is dropped instead.
 */
@ApplicationScoped
public class Reminders {

    static final String DUE = """
            with due as (
                select r.id from reminder r
                 where r.sent_at is null and r.cancelled_at is null and r.due_at <= now()
                 order by r.due_at limit $1 for update skip locked),
            done as (
                update reminder r
                   set sent_at = case when a.status in ('booked', 'checked-in') and a.starts_at > now() then now() end,
                       cancelled_at = case when a.status in ('booked', 'checked-in') and a.starts_at > now() then null
                                      else now() end
                  from due, appointment a
                 where r.id = due.id and a.id = r.appointment_id
             returning r.id, r.recipient, r.due_at, r.sent_at, a.id as appointment_id, a.client_id, a.case_id,
                       a.agency_id, a.kind, a.mode, a.starts_at, a.time_zone, a.organizer_id)
            select d.*, array(select p.user_id from appointment_participant p
                               where p.appointment_id = d.appointment_id
                               order by p.user_id <> d.organizer_id, p.user_id) as staff
              from done d""";

    static final int BATCH = 200;

    private final Pool pool;
    private final Outbox outbox;
    private final Vertx vertx;
    private final SchedulingConfig config;
    private DueSweep sweep;

    Reminders(Pool pool, Outbox outbox, Vertx vertx, SchedulingConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        sweep = DueSweep.start(vertx, config.reminders().checkEvery(), BATCH, "Telling due reminders", this::tellDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweep != null) {
            sweep.stop();
        }
    }

    /** Tells (or drops) what is due now; how many it took. */
    public Uni<Integer> tellDue() {
        return pool.withTransaction(conn -> conn.preparedQuery(DUE)
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<OutboxMessage> messages = new ArrayList<>();
                    int taken = 0;
                    for (Row row : rows) {
                        taken++;
                        if (row.getValue("sent_at") == null) {
                            continue;
                        }
                        String clientId = row.getUUID("client_id").toString();
                        messages.add(new OutboxMessage(
                                AppointmentService.RESOURCE,
                                clientId,
                                row.getString("agency_id"),
                                new AppointmentReminderTimeReachedV1(
                                        row.getUUID("id").toString(),
                                        row.getUUID("appointment_id").toString(),
                                        clientId,
                                        row.getUUID("case_id") == null
                                                ? null
                                                : row.getUUID("case_id").toString(),
                                        row.getString("agency_id"),
                                        Coded.fromCode(ReminderRecipient.class, row.getString("recipient")),
                                        Arrays.asList(row.getArrayOfStrings("staff")),
                                        Coded.fromCode(AppointmentKind.class, row.getString("kind")),
                                        Coded.fromCode(AppointmentMode.class, row.getString("mode")),
                                        row.getOffsetDateTime("starts_at").toInstant(),
                                        row.getString("time_zone"),
                                        row.getOffsetDateTime("due_at").toInstant())));
                    }
                    int took = taken;
                    return Multi.createFrom()
                            .iterable(messages)
                            .onItem()
                            .transformToUniAndConcatenate(m -> outbox.addOn(conn, m))
                            .collect()
                            .asList()
                            .replaceWith(took);
                }));
    }
}
