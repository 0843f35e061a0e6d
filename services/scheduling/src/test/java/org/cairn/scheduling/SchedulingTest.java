package org.cairn.scheduling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.events.CarePlanReviewDateReachedV1;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.ConsentEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * Scheduling on the real database, broker and identity provider: bookings that clash and their
 * override, bad input with nothing written, a provider of another agency under consent, another
 * agency's 404s, free slots of three people, a series across a daylight-saving change with one
 * occurrence moved and one cancelled, proposals from the suite's events, no-shows flagging a case,
 * and the calendar feeds read back by ical4j.
 */
@QuarkusTest
class SchedulingTest {

    static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    static final String SUPERVISOR = DemoUsers.HOSPITAL_SUPERVISOR;
    static final String PROVIDER = DemoUsers.CMHC_CASE_MANAGER;
    static final String STRANGER = DemoUsers.HOUSING_CASE_MANAGER;
    static final String HOSPITAL = DemoUsers.HOSPITAL_AGENCY;
    static final String CHICAGO = "America/Chicago";

    /** Each test books on days of its own, so that the demo users' appointments of one never clash with another's. */
    static final AtomicInteger NEXT_DAY = new AtomicInteger(20);

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    /**
     * Appointments that have just begun are all in the last minutes of the case manager's calendar
     * (and an earlier run's): they may overlap each other, so they are booked over any clash.
     */
    static final String JUST_BEGUN = "test: appointments that have just begun share the last minutes";

    static LocalDate day() {
        return LocalDate.now().plusDays(NEXT_DAY.getAndAdd(2));
    }

    static Map<String, Object> booking(CaseEvents.OpenCase c, LocalDateTime start, LocalDateTime end) {
        Map<String, Object> b = new HashMap<>();
        b.put("clientId", c.clientId());
        b.put("caseId", c.caseId());
        b.put("clientInitials", "JD");
        b.put("kind", "follow-up");
        b.put("mode", "in-person");
        b.put("location", "Riverbend clinic, room 4");
        b.put("start", start.toString());
        b.put("end", end.toString());
        b.put("timeZone", CHICAGO);
        b.put("notes", "Discuss the housing application with Jane Doe");
        return b;
    }

    static CaseEvents.OpenCase openCase() {
        return CaseEvents.open(HOSPITAL, CM, Program.MEDICAL, LocalDate.now().minusDays(3));
    }

    static String book(String user, Map<String, Object> body) {
        return as(user).body(body)
                .post("/appointments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static long appointments() {
        return Sql.number("select count(*) from appointment");
    }

    @Test
    void booking_holdsEveryonesTime_andAClashIsRefusedUntilSomeoneSaysWhy() {
        CaseEvents.OpenCase c = openCase();
        LocalDate d = day();
        Map<String, Object> first = booking(c, d.atTime(10, 0), d.atTime(11, 0));
        first.put("participants", List.of(Map.of("userId", DemoTokens.subject(SUPERVISOR))));
        String id = book(CM, first);

        as(CM).get("/appointments/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("booked"))
                .body("start", equalTo(d.atTime(10, 0) + ":00"))
                .body("timeZone", equalTo(CHICAGO))
                .body("participants.userId", hasItem(DemoTokens.subject(SUPERVISOR)))
                .body("reminders.size()", equalTo(4))
                .body("reminders[0].before", equalTo("PT24H"))
                .body("history[0].to", equalTo("booked"));
        assertThat(TopicReader.ofClient(
                        Topics.SCHEDULING,
                        c.clientId(),
                        "cairn.appointment.status-changed.v1",
                        1,
                        Duration.ofSeconds(20)))
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.value()).contains(id).doesNotContain("Jane Doe"));

        // the supervisor is busy from 10 to 11: a booking of them at 10:30 clashes
        CaseEvents.OpenCase other = openCase();
        Map<String, Object> clash = booking(other, d.atTime(10, 30), d.atTime(11, 30));
        clash.put("organizerId", DemoTokens.subject(SUPERVISOR));
        long before = appointments();
        as(SUPERVISOR)
                .body(clash)
                .post("/appointments")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cairn:problem:conflict"))
                .body("conflicts[0].who", equalTo(DemoTokens.subject(SUPERVISOR)))
                .body("conflicts[0].with", equalTo("appointment"));
        assertThat(appointments()).isEqualTo(before);

        // the client is busy too, whoever books: another agency's booking of the same client clashes
        Map<String, Object> elsewhere = booking(c, d.atTime(10, 45), d.atTime(11, 15));
        elsewhere.remove("caseId");
        as(DemoUsers.CMHC_CASE_MANAGER)
                .body(elsewhere)
                .post("/appointments")
                .then()
                .statusCode(409)
                .body("conflicts.who", hasItem("client"));

        // an hour that touches the first is no clash; a reason books over one
        book(SUPERVISOR, booking(other, d.atTime(11, 0), d.atTime(11, 30)));
        clash.put("start", d.atTime(10, 0).toString());
        clash.put("end", d.atTime(10, 30).toString());
        clash.put("conflictOverride", "the supervisor joins for the first half only");
        String overridden = book(SUPERVISOR, clash);
        as(SUPERVISOR).get("/appointments/" + overridden).then().body("conflictOverride", not(nullValue()));
    }

    @Test
    void bookingsOfOnePersonAtOnce_areCheckedOneAfterTheOther_soOnlyOneHoldsTheTime() throws Exception {
        LocalDate d = day();
        String organizer = "race-" + UUID.randomUUID();
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> b = booking(openCase(), d.atTime(9, 0), d.atTime(9, 30));
            b.put("organizerId", organizer);
            bodies.add(b);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (Map<String, Object> b : bodies) {
                answers.add(
                        pool.submit(() -> as(CM).body(b).post("/appointments").statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : answers) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnlyOnce(201).containsOnly(201, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(Sql.number("select count(*) from appointment_participant where user_id = ? and busy", organizer))
                .isEqualTo(1);
    }

    @Test
    void badInput_isAClear4xx_andNothingIsWritten() {
        CaseEvents.OpenCase c = openCase();
        LocalDate d = day();
        long before = appointments();
        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("end before start", booking(c, d.atTime(11, 0), d.atTime(10, 0)));
        Map<String, Object> zone = booking(c, d.atTime(10, 0), d.atTime(11, 0));
        zone.put("timeZone", "Mars/Olympus_Mons");
        bad.put("unknown zone", zone);
        // 14 March 2027, 2:30 does not exist in Chicago: the clocks go from 2:00 to 3:00
        bad.put(
                "a local time the clocks skip",
                booking(c, LocalDateTime.parse("2027-03-14T02:30"), LocalDateTime.parse("2027-03-14T03:30")));
        Map<String, Object> video = booking(c, d.atTime(10, 0), d.atTime(11, 0));
        video.put("mode", "video");
        bad.put("video without a link", video);
        Map<String, Object> initials = booking(c, d.atTime(10, 0), d.atTime(11, 0));
        initials.put("clientInitials", "Jane Doe");
        bad.put("a name where initials go", initials);
        for (Map.Entry<String, Map<String, Object>> b : bad.entrySet()) {
            Response r = as(CM).body(b.getValue()).post("/appointments");
            assertThat(r.statusCode()).as("%s: %s", b.getKey(), r.asString()).isEqualTo(400);
            assertThat(r.contentType()).as(b.getKey()).startsWith("application/problem+json");
        }
        // a series whose rule does not parse, or never ends
        for (String rule : List.of("FREQ=FORTNIGHTLY;COUNT=3", "FREQ=WEEKLY")) {
            Map<String, Object> series = booking(c, d.atTime(10, 0), d.atTime(11, 0));
            series.put("recurrence", rule);
            as(CM).body(series)
                    .post("/appointment-series")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("recurrence"));
        }
        // in the past
        LocalDateTime yesterday = LocalDateTime.now(ZoneId.of(CHICAGO)).minusDays(1);
        as(CM).body(booking(c, yesterday, yesterday.plusHours(1)))
                .post("/appointments")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:in-the-past"));
        // a provider of another agency without a consent that lets them take part
        Map<String, Object> provider = booking(c, d.atTime(10, 0), d.atTime(11, 0));
        provider.put(
                "participants",
                List.of(Map.of("userId", DemoTokens.subject(PROVIDER), "agencyId", DemoUsers.CMHC_AGENCY)));
        as(CM).body(provider)
                .post("/appointments")
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:cairn:problem:no-consent"));
        // another agency's case
        CaseEvents.OpenCase theirs =
                CaseEvents.open(DemoUsers.CMHC_AGENCY, PROVIDER, Program.MENTAL_HEALTH, LocalDate.now());
        as(CM).body(booking(theirs, d.atTime(10, 0), d.atTime(11, 0)))
                .post("/appointments")
                .then()
                .statusCode(404);
        assertThat(appointments()).isEqualTo(before);
        assertThat(
                        Sql.number(
                                "select count(*) from reminder r where not exists (select 1 from appointment a where a.id = r.appointment_id)"))
                .isZero();
    }

    @Test
    void aProviderOfAnotherAgency_takesPartUnderConsent_seesNoNotes_andAThirdAgencyGets404() {
        CaseEvents.OpenCase c = openCase();
        ConsentEvents.grant(
                c.clientId(),
                HOSPITAL,
                DemoUsers.CMHC_AGENCY,
                ConsentPurpose.CARE_COORDINATION,
                SensitivityCategory.GENERAL);
        LocalDate d = day();
        Map<String, Object> b = booking(c, d.atTime(14, 0), d.atTime(15, 0));
        b.put(
                "participants",
                List.of(Map.of("userId", DemoTokens.subject(PROVIDER), "agencyId", DemoUsers.CMHC_AGENCY)));
        String id = book(CM, b);

        as(PROVIDER)
                .get("/appointments/" + id)
                .then()
                .statusCode(200)
                .body(
                        "participants.find { it.userId == '" + DemoTokens.subject(PROVIDER) + "' }.role",
                        equalTo("provider"))
                .body("notes", nullValue())
                .body("reminders", nullValue());
        assertThat(as(PROVIDER)
                        .queryParam("mine", true)
                        .queryParam(
                                "from",
                                d.atStartOfDay(ZoneId.of(CHICAGO))
                                        .toOffsetDateTime()
                                        .toString())
                        .get("/appointments")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>jsonPath()
                        .getList("items.id"))
                .contains(id);
        // only the organizing agency changes it
        as(PROVIDER)
                .body(Map.of("status", "cancelled", "reason", "not mine to cancel"))
                .post("/appointments/" + id + "/status")
                .then()
                .statusCode(403);

        // to a third agency it does not exist, whatever is asked of it
        as(STRANGER).get("/appointments/" + id).then().statusCode(404);
        as(STRANGER).get("/appointments/" + id + "/ics").then().statusCode(404);
        as(STRANGER)
                .body(Map.of("status", "cancelled", "reason", "x"))
                .post("/appointments/" + id + "/status")
                .then()
                .statusCode(404);
        as(STRANGER)
                .body(Map.of(
                        "start",
                        d.atTime(16, 0).toString(),
                        "end",
                        d.atTime(17, 0).toString(),
                        "reason",
                        "x"))
                .post("/appointments/" + id + "/reschedule")
                .then()
                .statusCode(404);
        assertThat(as(STRANGER)
                        .queryParam("clientId", c.clientId())
                        .get("/appointments")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>jsonPath()
                        .getList("items"))
                .isEmpty();
        as(CM).get("/appointments/" + id).then().body("notes", not(nullValue())).body("status", equalTo("booked"));
    }

    @Test
    void freeSlots_ofThreePeople_leaveOutTheirBookingsAndTimeOff_withinWorkingHours() {
        LocalDate d = day();
        while (d.getDayOfWeek().getValue() > 5) {
            d = d.plusDays(1);
        }
        ZoneId chicago = ZoneId.of(CHICAGO);
        String intake = DemoUsers.HOSPITAL_INTAKE_WORKER;
        as(intake)
                .body(Map.of(
                        "timeZone",
                        CHICAGO,
                        "hours",
                        List.of(Map.of("day", d.getDayOfWeek().name(), "start", "08:00", "end", "12:00"))))
                .put("/staff/me/working-hours")
                .then()
                .statusCode(200);
        as(SUPERVISOR)
                .body(Map.of(
                        "start",
                                d.atTime(9, 0)
                                        .atZone(chicago)
                                        .toOffsetDateTime()
                                        .toString(),
                        "end",
                                d.atTime(9, 30)
                                        .atZone(chicago)
                                        .toOffsetDateTime()
                                        .toString(),
                        "reason", "training"))
                .post("/staff/me/time-off")
                .then()
                .statusCode(201);
        book(CM, booking(openCase(), d.atTime(10, 0), d.atTime(10, 45)));

        Response slots = as(CM).queryParam(
                        "participant", "me", DemoTokens.subject(SUPERVISOR), DemoTokens.subject(intake))
                .queryParam("from", d.atStartOfDay(chicago).toOffsetDateTime().toString())
                .queryParam(
                        "to",
                        d.plusDays(1).atStartOfDay(chicago).toOffsetDateTime().toString())
                .queryParam("duration", "PT30M")
                .get("/availability");
        slots.then().statusCode(200);
        // intake works 8 to 12; the others 9 to 17 (no hours set); supervisor off 9 to 9:30; CM busy 10 to 10:45
        assertThat(slots.jsonPath().getList("free.start", String.class))
                .containsExactly(
                        d.atTime(9, 30).atZone(chicago).toInstant().toString(),
                        d.atTime(10, 45).atZone(chicago).toInstant().toString());
        assertThat(slots.jsonPath().getList("free.end", String.class))
                .containsExactly(
                        d.atTime(10, 0).atZone(chicago).toInstant().toString(),
                        d.atTime(12, 0).atZone(chicago).toInstant().toString());
        as(CM).queryParam("participant", "me")
                .queryParam("from", d.atStartOfDay(chicago).toOffsetDateTime().toString())
                .queryParam(
                        "to",
                        d.plusDays(90).atStartOfDay(chicago).toOffsetDateTime().toString())
                .get("/availability")
                .then()
                .statusCode(400);
    }

    @Test
    void aSeries_keepsItsLocalTimeAcrossTheSpringChange_andOneOccurrenceIsMovedOrCancelledAlone() {
        CaseEvents.OpenCase c = openCase();
        // Tuesdays from 2 March 2027; the US clocks go forward on 14 March
        Map<String, Object> b =
                booking(c, LocalDateTime.parse("2027-03-02T09:00"), LocalDateTime.parse("2027-03-02T09:45"));
        b.put("recurrence", "FREQ=WEEKLY;BYDAY=TU;COUNT=4");
        Response series = as(CM).body(b).post("/appointment-series");
        series.then().statusCode(201).body("appointments.size()", equalTo(4));
        assertThat(series.jsonPath().getList("appointments.start", String.class))
                .containsExactly(
                        "2027-03-02T09:00:00", "2027-03-09T09:00:00", "2027-03-16T09:00:00", "2027-03-23T09:00:00");
        assertThat(series.jsonPath().getList("appointments.startsAt", String.class))
                .containsExactly(
                        "2027-03-02T15:00:00Z", "2027-03-09T15:00:00Z", "2027-03-16T14:00:00Z", "2027-03-23T14:00:00Z");
        List<String> ids = series.jsonPath().getList("appointments.id", String.class);

        String moved = as(CM).body(Map.of(
                        "start",
                        "2027-03-10T13:00",
                        "end",
                        "2027-03-10T13:45",
                        "reason",
                        "the client works that Tuesday"))
                .post("/appointments/" + ids.get(1) + "/reschedule")
                .then()
                .statusCode(201)
                .body("rescheduledFrom", equalTo(ids.get(1)))
                .body("seriesId", equalTo(series.path("seriesId")))
                .body("reminders.size()", equalTo(4))
                .extract()
                .path("id");
        as(CM).body(Map.of("status", "cancelled", "reason", "clinic closed"))
                .post("/appointments/" + ids.get(2) + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("reminders.size()", equalTo(0));

        as(CM).get("/appointments/" + ids.get(1))
                .then()
                .body("status", equalTo("rescheduled"))
                .body("rescheduledTo", equalTo(moved));
        as(CM).get("/appointments/" + ids.get(0)).then().body("status", equalTo("booked"));
        as(CM).get("/appointments/" + ids.get(3)).then().body("status", equalTo("booked"));
        // the old time is free again; the new one is held
        assertThat(Sql.number(
                        "select count(*) from appointment_participant where appointment_id in (cast(? as uuid), cast(? as uuid)) and busy",
                        ids.get(1),
                        ids.get(2)))
                .isZero();
        assertThat(Sql.number(
                        "select count(*) from appointment_participant where appointment_id = cast(? as uuid) and busy",
                        moved))
                .isEqualTo(1);

        // a second series over the first clashes on two Tuesdays: all of it is refused, none written
        long before = appointments();
        Map<String, Object> over =
                booking(c, LocalDateTime.parse("2027-03-02T09:15"), LocalDateTime.parse("2027-03-02T09:30"));
        over.put("recurrence", "FREQ=WEEKLY;BYDAY=TU;COUNT=4");
        as(CM).body(over)
                .post("/appointment-series")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("conflicts.occurrenceStart", hasItem("2027-03-02T15:15:00Z"))
                .body("conflicts.occurrenceStart", hasItem("2027-03-23T14:15:00Z"))
                // the moved and the cancelled Tuesdays hold no one's time any more
                .body("conflicts.occurrenceStart", not(hasItem("2027-03-09T14:15:00Z")))
                .body("conflicts.occurrenceStart", not(hasItem("2027-03-16T14:15:00Z")));
        assertThat(appointments()).isEqualTo(before);
    }

    @Test
    void statuses_followTheLifecycle_andEachIsTold() {
        CaseEvents.OpenCase c = openCase();
        LocalDate d = day();
        String id = book(CM, booking(c, d.atTime(13, 0), d.atTime(13, 30)));
        as(CM).body(Map.of("status", "attended"))
                .post("/appointments/" + id + "/status")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:not-started"));
        as(CM).body(Map.of("status", "cancelled"))
                .post("/appointments/" + id + "/status")
                .then()
                .statusCode(400);
        as(CM).body(Map.of("status", "cancelled", "reason", "the client moved away"))
                .post("/appointments/" + id + "/status")
                .then()
                .statusCode(200);
        as(CM).body(Map.of("status", "booked"))
                .post("/appointments/" + id + "/status")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:cairn:problem:invalid-transition"));
        assertThat(TopicReader.ofClient(
                        Topics.SCHEDULING,
                        c.clientId(),
                        "cairn.appointment.status-changed.v1",
                        2,
                        Duration.ofSeconds(20)))
                .extracting(e -> e.value().contains("\"status\": \"cancelled\""))
                .containsExactly(false, true);
        assertThat(Sql.number(
                        "select count(*) from reminder where appointment_id = cast(? as uuid) and cancelled_at is null",
                        id))
                .isZero();
    }

    @Test
    void threeNoShowsWithin90Days_flagTheCaseForOutreach_once() {
        CaseEvents.OpenCase c = openCase();
        // appointments that began a few minutes ago (bookable within the five minutes' grace)
        LocalDateTime now = LocalDateTime.now(ZoneId.of(CHICAGO)).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> b = booking(c, now.minusSeconds(240 - i * 40L), now.minusSeconds(210 - i * 40L));
            b.put("reminders", List.of());
            b.put("conflictOverride", JUST_BEGUN);
            ids.add(book(CM, b));
        }
        for (int i = 0; i < 5; i++) {
            as(CM).body(Map.of("status", "no-show", "reason", "did not come, no answer by phone"))
                    .post("/appointments/" + ids.get(i) + "/status")
                    .then()
                    .statusCode(200);
            if (i == 0) {
                // the first no-show is moved back to 100 days ago: outside the 90 days, it does not count
                assertThat(Sql.update(
                                "update appointment set starts_at = starts_at - interval '100 days',"
                                        + " ends_at = ends_at - interval '100 days' where id = cast(? as uuid)",
                                ids.get(0)))
                        .isEqualTo(1);
            }
            if (i == 2) {
                assertThat(Sql.number("select count(*) from outreach_flag where case_id = cast(? as uuid)", c.caseId()))
                        .as("two no-shows within the 90 days (and one before them) flag nothing")
                        .isZero();
            }
        }
        List<TopicReader.Event> flagged = TopicReader.ofClient(
                Topics.SCHEDULING, c.clientId(), "cairn.case.outreach-flagged.v1", 1, Duration.ofSeconds(20));
        assertThat(flagged).hasSize(1).allSatisfy(e -> assertThat(e.value()).contains("\"noShows\": 3"));
        assertThat(as(SUPERVISOR)
                        .get("/outreach-flags")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("caseId"))
                .containsOnlyOnce(c.caseId());
        // each no-show is told as the appointment's move, after its booking
        assertThat(TopicReader.ofClient(
                        Topics.SCHEDULING,
                        c.clientId(),
                        "cairn.appointment.status-changed.v1",
                        10,
                        Duration.ofSeconds(20)))
                .filteredOn(e -> e.value().contains("\"status\": \"no-show\""))
                .hasSize(5);
    }

    @Test
    void attendedAndRescheduled_areTold_readsAreAudited_andStaffOffTheCaseGet404() {
        CaseEvents.OpenCase c = openCase();
        LocalDateTime now = LocalDateTime.now(ZoneId.of(CHICAGO)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> begun = booking(c, now.minusSeconds(120), now.plusSeconds(1680));
        begun.put("reminders", List.of());
        begun.put("conflictOverride", JUST_BEGUN);
        String visit = book(CM, begun);
        as(CM).body(Map.of("status", "attended"))
                .post("/appointments/" + visit + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("attended"));
        LocalDate d = day();
        String later = book(CM, booking(c, d.atTime(9, 0), d.atTime(9, 30)));
        String moved = as(CM).body(Map.of(
                        "start", d.atTime(15, 0).toString(),
                        "end", d.atTime(15, 30).toString(),
                        "reason", "the client starts work at nine"))
                .post("/appointments/" + later + "/reschedule")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        List<TopicReader.Event> told = TopicReader.ofClient(
                Topics.SCHEDULING, c.clientId(), "cairn.appointment.status-changed.v1", 5, Duration.ofSeconds(20));
        assertThat(told)
                .filteredOn(e -> e.value().contains(visit) && e.value().contains("\"status\": \"attended\""))
                .hasSize(1);
        assertThat(told)
                .filteredOn(e -> e.value().contains(later) && e.value().contains("\"status\": \"rescheduled\""))
                .hasSize(1);
        assertThat(told)
                .filteredOn(e -> e.value().contains(moved) && e.value().contains("\"status\": \"booked\""))
                .hasSize(1);

        // the hospital's intake worker neither works the case nor takes part: as if it did not exist
        for (String id : List.of(visit, later, moved)) {
            as(DemoUsers.HOSPITAL_INTAKE_WORKER)
                    .get("/appointments/" + id)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            as(DemoUsers.HOSPITAL_INTAKE_WORKER)
                    .get("/appointments/" + id + "/ics")
                    .then()
                    .statusCode(404);
        }
        as(SUPERVISOR).get("/appointments/" + visit).then().statusCode(200);

        // the case manager's read and download are each an audit record naming the client
        as(CM).get("/appointments/" + visit).then().statusCode(200);
        as(CM).get("/appointments/" + visit + "/ics").then().statusCode(200);
        for (AuditAction action : List.of(AuditAction.VIEWED, AuditAction.EXPORTED)) {
            List<TopicReader.Event> audited = TopicReader.await(
                    Topics.AUDIT,
                    e -> {
                        if (!c.clientId().equals(e.key())) {
                            return false;
                        }
                        AuditRecordedV1 r = auditRecord(e);
                        return visit.equals(r.resourceId())
                                && r.action() == action
                                && CM.equals(r.actor().username());
                    },
                    1,
                    Duration.ofSeconds(20));
            AuditRecordedV1 record = auditRecord(audited.get(0));
            assertThat(record.service()).isEqualTo("scheduling");
            assertThat(record.resourceType()).isEqualTo("appointment");
            assertThat(record.clientId()).isEqualTo(c.clientId());
            assertThat(record.agencyId()).isEqualTo(HOSPITAL);
        }
        // the case's list is one client's appointments: its record names the client, so it is found
        // among theirs in the audit trail
        String listing = "list-" + UUID.randomUUID();
        as(CM).header("X-Request-Id", listing)
                .queryParam("caseId", c.caseId())
                .get("/appointments")
                .then()
                .statusCode(200);
        List<TopicReader.Event> listed = TopicReader.await(
                Topics.AUDIT,
                e -> c.clientId().equals(e.key())
                        && listing.equals(auditRecord(e).requestId()),
                1,
                Duration.ofSeconds(20));
        assertThat(auditRecord(listed.get(0)).action()).isEqualTo(AuditAction.SEARCHED);
        assertThat(auditRecord(listed.get(0)).clientId()).isEqualTo(c.clientId());
    }

    static AuditRecordedV1 auditRecord(TopicReader.Event e) {
        try {
            return EventJson.mapper().readValue(e.value(), AuditRecordedV1.class);
        } catch (java.io.IOException notOne) {
            throw new AssertionError("not an audit record: " + notOne.getClass().getSimpleName());
        }
    }

    @Test
    void aCarePlansReviewFallingDue_proposesAReviewWithTheCaseManager_once() {
        CaseEvents.OpenCase c = openCase();
        String planId = UUID.randomUUID().toString();
        LocalDate due = day();
        while (due.getDayOfWeek().getValue() > 5) {
            due = due.plusDays(1);
        }
        CarePlanReviewDateReachedV1 event = new CarePlanReviewDateReachedV1(
                planId, c.caseId(), c.clientId(), HOSPITAL, DemoTokens.subject(CM), due, Instant.now());
        // first a review of a case this service never heard of (same client, so the same partition): nothing
        // to propose, and no reason to try again
        String unknownCase = UUID.randomUUID().toString();
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                HOSPITAL,
                new CarePlanReviewDateReachedV1(
                        UUID.randomUUID().toString(), unknownCase, c.clientId(), HOSPITAL, null, due, Instant.now()));
        EventPublisher.publish(UUID.randomUUID().toString(), c.clientId(), HOSPITAL, event);
        EventPublisher.publish(UUID.randomUUID().toString(), c.clientId(), HOSPITAL, event);
        CaseEvents.awaitRow(
                "select count(*) from appointment where proposed_for = ?", "care-plan-review:" + planId + ":" + due);

        Response mine = as(CM).queryParam("caseId", c.caseId())
                .queryParam(
                        "from",
                        due.atStartOfDay(ZoneId.of(CHICAGO)).toOffsetDateTime().toString())
                .get("/appointments");
        mine.then().statusCode(200).body("items.size()", equalTo(1));
        assertThat(mine.jsonPath().getString("items[0].status")).isEqualTo("proposed");
        assertThat(mine.jsonPath().getList("items[0].participants.userId")).containsExactly(DemoTokens.subject(CM));
        // at the case manager's first free hour on the due date: 9:00 there, as no hours are set
        assertThat(mine.jsonPath().getString("items[0].start")).isEqualTo(due.atTime(9, 0) + ":00");
        assertThat(Sql.number("select count(*) from appointment where case_id = cast(? as uuid)", unknownCase))
                .isZero();
        // a second delivery of the same due date proposed nothing more
        assertThat(Sql.number("select count(*) from appointment where case_id = cast(? as uuid)", c.caseId()))
                .isEqualTo(1);

        // the case manager books the proposal
        String id = mine.jsonPath().getString("items[0].id");
        as(CM).body(Map.of("status", "booked"))
                .post("/appointments/" + id + "/status")
                .then()
                .statusCode(200);
    }

    @Test
    void anAcceptedReferral_proposesAnIntakeAtTheReceivingAgency() {
        String client = UUID.randomUUID().toString();
        String referral = UUID.randomUUID().toString();
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                client,
                DemoUsers.CMHC_AGENCY,
                new ReferralAcceptedV1(
                        referral,
                        client,
                        HOSPITAL,
                        DemoUsers.CMHC_AGENCY,
                        Program.MENTAL_HEALTH,
                        UUID.randomUUID().toString(),
                        Instant.now()));
        CaseEvents.awaitRow("select count(*) from appointment where proposed_for = ?", "referral-intake:" + referral);
        List<Map<String, Object>> rows = Sql.query(
                "select agency_id, kind, status, case_id from appointment where proposed_for = ?",
                "referral-intake:" + referral);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsEntry("agency_id", DemoUsers.CMHC_AGENCY)
                .containsEntry("kind", "intake")
                .containsEntry("status", "proposed");
        // the receiving agency's intake sees it; the referring one does not
        assertThat(as(DemoUsers.CMHC_CASE_MANAGER)
                        .queryParam("clientId", client)
                        .queryParam(
                                "to",
                                Instant.now()
                                        .plus(Duration.ofDays(10))
                                        .atOffset(java.time.ZoneOffset.UTC)
                                        .toString())
                        .get("/appointments")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.kind"))
                .containsExactly("intake");
        assertThat(as(CM).queryParam("clientId", client)
                        .get("/appointments")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items"))
                .isEmpty();
    }

    @Test
    void calendarFeeds_readBackWithTheSameLibrary_showInitialsOnly_andEndWhenRevoked() throws Exception {
        CaseEvents.OpenCase c = openCase();
        LocalDate d = day();
        String id = book(CM, booking(c, d.atTime(15, 0), d.atTime(15, 30)));

        Calendar single = new CalendarBuilder()
                .build(new StringReader(as(CM).get("/appointments/" + id + "/ics")
                        .then()
                        .statusCode(200)
                        .contentType("text/calendar")
                        .extract()
                        .asString()));
        VEvent event = single.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        assertThat(event.getSummary().getValue()).isEqualTo("Follow up with J.D.");
        assertThat(event.getUid().orElseThrow().getValue()).isEqualTo(id + "@cairn");

        Response issued = as(CM).post("/calendar-feeds");
        issued.then().statusCode(201);
        String path = issued.path("path");
        String feed = given().get(path)
                .then()
                .statusCode(200)
                .contentType("text/calendar")
                .extract()
                .asString();
        Calendar cal = new CalendarBuilder().build(new StringReader(feed));
        List<VEvent> events = cal.getComponents(Component.VEVENT);
        VEvent mine = events.stream()
                .filter(e -> e.getUid().orElseThrow().getValue().equals(id + "@cairn"))
                .findFirst()
                .orElseThrow();
        assertThat(Instant.from(mine.getDateTimeStart().getDate()))
                .isEqualTo(d.atTime(15, 0).atZone(ZoneId.of(CHICAGO)).toInstant());
        assertThat(feed).doesNotContain("Jane").doesNotContain("Doe").doesNotContain("housing");

        // a new address revokes the old one; so does revoking
        String renewed =
                as(CM).post("/calendar-feeds").then().statusCode(201).extract().path("path");
        given().get(path).then().statusCode(404);
        given().get(renewed).then().statusCode(200);
        as(CM).delete("/calendar-feeds").then().statusCode(204);
        given().get(renewed).then().statusCode(404);
    }
}
