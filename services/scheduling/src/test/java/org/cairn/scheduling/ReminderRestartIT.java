package org.cairn.scheduling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.CaseOpenedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.CaseStatus;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.PackagedService;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reminder timers across a crash: an appointment is booked with a client and a staff reminder, the
 * packaged service is killed (SIGKILL) before they are due, and their time passes while nothing runs;
 * then two instances start together. Each reminder is told exactly once: its due time was its row, and
 * the two instances never take the same row. Runs after packaging (Failsafe).
 */
class ReminderRestartIT {

    static final String CHICAGO = "America/Chicago";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> settings = Map.of(
            "MP_MESSAGING_INCOMING_CLIENTS_IN_GROUP_ID", "scheduling-reminders-" + run,
            "MP_MESSAGING_INCOMING_CAREPLANS_IN_GROUP_ID", "scheduling-reminders-" + run,
            "MP_MESSAGING_INCOMING_REFERRALS_IN_GROUP_ID", "scheduling-reminders-" + run,
            "SCHEDULING_REMINDERS_CHECK_EVERY", "PT0.5S");
    PackagedService first;
    PackagedService second;
    PackagedService third;

    @AfterEach
    void stop() throws InterruptedException {
        for (PackagedService s : new PackagedService[] {first, second, third}) {
            if (s != null) {
                s.kill();
            }
        }
    }

    @Test
    void killedBeforeTheRemindersAreDue_andStartedTwiceOver_tellsEachOnce() throws Exception {
        String client = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String hospital = DemoUsers.HOSPITAL_AGENCY;
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                client,
                hospital,
                new CaseOpenedV1(
                        caseId,
                        client,
                        hospital,
                        Program.MEDICAL,
                        CaseStatus.ACTIVE,
                        LocalDate.now(),
                        DemoTokens.subject(DemoUsers.HOSPITAL_CASE_MANAGER),
                        List.of(),
                        Instant.now()));

        first = PackagedService.start("cairn_scheduling_test", settings).awaitReady(Duration.ofSeconds(60));
        String token = DemoTokens.accessToken(DemoUsers.HOSPITAL_CASE_MANAGER);
        // starts in 70 s; reminded a minute before, so due about 10 s after booking
        LocalDateTime start = LocalDateTime.now(ZoneId.of(CHICAGO))
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(70);
        Map<String, Object> booking = Map.of(
                "clientId",
                client,
                "caseId",
                caseId,
                "kind",
                "follow-up",
                "mode",
                "phone",
                "start",
                start.toString(),
                "end",
                start.plusMinutes(30).toString(),
                "timeZone",
                CHICAGO,
                "reminders",
                List.of(Map.of("before", "PT1M", "to", "client"), Map.of("before", "PT1M", "to", "staff")),
                // the demo case manager's calendar in the test database keeps earlier runs' bookings
                "conflictOverride",
                "test run: earlier runs' bookings of the case manager may overlap");
        // the new instance learns of the case from the topic a moment after it starts
        Response booked = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            booked = given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(booking)
                    .post(first.url() + "/appointments");
            if (booked.statusCode() == 201) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(booked.statusCode())
                .as("%s (log %s)", booked.asString(), first.log())
                .isEqualTo(201);
        String id = booked.path("id");
        Instant due = Instant.parse(booked.path("reminders[0].dueAt"));
        first.kill();
        assertThat(Instant.now()).as("killed before the reminders were due").isBefore(due);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()) + 1_000);
        second = PackagedService.start("cairn_scheduling_test", settings);
        third = PackagedService.start("cairn_scheduling_test", settings);
        second.awaitReady(Duration.ofSeconds(60));
        third.awaitReady(Duration.ofSeconds(60));

        List<TopicReader.Event> told = TopicReader.ofClient(
                Topics.SCHEDULING, client, "cairn.appointment.reminder-time-reached.v1", 2, Duration.ofSeconds(30));
        assertThat(told)
                .as("told after the restart (logs %s, %s)", second.log(), third.log())
                .hasSize(2);
        assertThat(told).allSatisfy(e -> assertThat(e.value()).contains(id));
        assertThat(told.stream().filter(e -> e.value().contains("\"recipient\": \"staff\"")))
                .singleElement()
                .satisfies(e -> assertThat(e.value()).contains(DemoTokens.subject(DemoUsers.HOSPITAL_CASE_MANAGER)));
        // both instances keep looking every half second: still once each
        Thread.sleep(3_000);
        assertThat(TopicReader.ofClient(
                        Topics.SCHEDULING,
                        client,
                        "cairn.appointment.reminder-time-reached.v1",
                        3,
                        Duration.ofSeconds(3)))
                .hasSize(2);

        // now with both running, twelve reminders fall due at the same moment: each is told once
        LocalDateTime soon = LocalDateTime.now(ZoneId.of(CHICAGO))
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(75);
        java.util.Set<String> booked6 = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            // one after the other (31 minutes apart, after the first), each reminded so that all are
            // due together, a minute before `soon`
            LocalDateTime at = soon.plusMinutes(31L * (i + 1));
            String before = "PT" + (1 + 31 * (i + 1)) + "M";
            Map<String, Object> b = new java.util.HashMap<>(booking);
            b.put("start", at.toString());
            b.put("end", at.plusMinutes(30).toString());
            b.put(
                    "reminders",
                    List.of(Map.of("before", before, "to", "client"), Map.of("before", before, "to", "staff")));
            booked6.add(given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(b)
                    .post((i % 2 == 0 ? second : third).url() + "/appointments")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        List<TopicReader.Event> together = TopicReader.ofClient(
                        Topics.SCHEDULING,
                        client,
                        "cairn.appointment.reminder-time-reached.v1",
                        14,
                        Duration.ofSeconds(45))
                .stream()
                .filter(e -> booked6.stream().anyMatch(e.value()::contains))
                .toList();
        assertThat(together).as("logs %s, %s", second.log(), third.log()).hasSize(12);
        Thread.sleep(3_000);
        List<String> once = TopicReader.ofClient(
                        Topics.SCHEDULING,
                        client,
                        "cairn.appointment.reminder-time-reached.v1",
                        15,
                        Duration.ofSeconds(3))
                .stream()
                .filter(e -> booked6.stream().anyMatch(e.value()::contains))
                .map(e ->
                        booked6.stream().filter(e.value()::contains).findFirst().orElseThrow()
                                + (e.value().contains("\"recipient\": \"staff\"") ? "/staff" : "/client"))
                .toList();
        assertThat(once).hasSize(12).doesNotHaveDuplicates();
    }
}
