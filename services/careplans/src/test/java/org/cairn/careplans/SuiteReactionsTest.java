package org.cairn.careplans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.AppointmentStatusChangedV1;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.ReferralAcceptedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * A plan and the rest of the suite: the care team an intervention may name, what another agency sees
 * of a plan that assigns it work, referral statuses and appointments moving a plan, assessment
 * scores as measurements, and the review-due event.
 */
@io.quarkus.test.junit.QuarkusTest
class SuiteReactionsTest {

    static final String CM = CarePlanFlowTest.CM;
    static final String SUPERVISOR = CarePlanFlowTest.SUPERVISOR;
    static final String HOSPITAL = DemoUsers.HOSPITAL_AGENCY;
    static final String CMHC = DemoUsers.CMHC_AGENCY;

    static CaseEvents.OpenCase caseWithTeam() {
        return CaseEvents.open(
                UUID.randomUUID().toString(),
                HOSPITAL,
                CM,
                Program.MENTAL_HEALTH,
                LocalDate.now().minusDays(5),
                List.of(DemoUsers.HOSPITAL_INTAKE_WORKER));
    }

    static String goalOf(String plan) {
        return CarePlanFlowTest.as(CM)
                .body(CarePlanFlowTest.goal("housing"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201)
                .extract()
                .path("goals[0].id");
    }

    static String task(String goalId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("what", "Housing intake", "responsible", "case-manager"));
        body.putAll(fields);
        List<String> ids = CarePlanFlowTest.as(CM)
                .body(body)
                .post("/goals/" + goalId + "/interventions")
                .then()
                .statusCode(201)
                .extract()
                .path("goals.find { it.id == '" + goalId + "' }.interventions.id");
        return ids.get(ids.size() - 1);
    }

    static void activate(String plan) {
        CarePlanFlowTest.as(CM)
                .post("/care-plans/" + plan + "/submission")
                .then()
                .statusCode(200);
        CarePlanFlowTest.as(SUPERVISOR)
                .post("/care-plans/" + plan + "/approval")
                .then()
                .statusCode(200);
    }

    static long versions(String plan) {
        return Sql.number("select count(*) from care_plan_version where plan_id = cast(? as uuid)", plan);
    }

    @Test
    void anIntervention_namesOnlyTheCaseCareTeam_orAnotherAgency() {
        CaseEvents.OpenCase c = caseWithTeam();
        String plan = CarePlanFlowTest.draft(c);
        String goalId = goalOf(plan);
        long before = versions(plan);

        String outsider = DemoTokens.subject(DemoUsers.CMHC_CASE_MANAGER);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("responsible", "care-team-member", "responsibleId", outsider),
                Map.of("responsible", "case-manager", "responsibleId", DemoTokens.subject(SUPERVISOR)),
                Map.of("responsible", "agency", "responsibleId", HOSPITAL))) {
            Map<String, Object> body = new HashMap<>(Map.of("what", "Housing intake"));
            body.putAll(bad);
            CarePlanFlowTest.as(CM)
                    .body(body)
                    .post("/goals/" + goalId + "/interventions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("responsibleId"));
        }
        assertThat(Sql.number("select count(*) from intervention where plan_id = cast(? as uuid)", plan))
                .isZero();
        assertThat(versions(plan)).isEqualTo(before);

        task(
                goalId,
                Map.of(
                        "responsible",
                        "care-team-member",
                        "responsibleId",
                        DemoTokens.subject(DemoUsers.HOSPITAL_INTAKE_WORKER)));
        task(goalId, Map.of("responsible", "case-manager", "responsibleId", DemoTokens.subject(CM)));
        task(goalId, Map.of("responsible", "agency", "responsibleId", CMHC));
        assertThat(Sql.number("select count(*) from intervention where plan_id = cast(? as uuid)", plan))
                .isEqualTo(3);
    }

    @Test
    void anotherAgency_seesOnlyWhatThePlanAssignsIt_whileItServesTheClient() {
        CaseEvents.OpenCase c = caseWithTeam();
        String plan = CarePlanFlowTest.draft(c);
        String ours = goalOf(plan);
        String theirs = CarePlanFlowTest.as(CM)
                .body(CarePlanFlowTest.goal("behavioral-health"))
                .post("/care-plans/" + plan + "/goals")
                .then()
                .statusCode(201)
                .extract()
                .path("goals[1].id");
        task(ours, Map.of());
        String assigned =
                task(theirs, Map.of("responsible", "agency", "responsibleId", CMHC, "what", "Therapy intake"));
        task(theirs, Map.of("what", "Follow up on therapy"));

        // the plan assigns the CMHC a task, but the CMHC does not serve the client yet
        CarePlanFlowTest.as(DemoUsers.CMHC_CASE_MANAGER)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(404);

        CaseEvents.OpenCase cmhcCase = CaseEvents.open(
                c.clientId(), CMHC, DemoUsers.CMHC_CASE_MANAGER, Program.MENTAL_HEALTH, LocalDate.now());
        // a draft is not agreed yet: nothing of it is shown outside the agency
        CarePlanFlowTest.as(DemoUsers.CMHC_CASE_MANAGER)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(404);
        activate(plan);
        CarePlanFlowTest.as(CM)
                .body(Map.of("status", "in-progress", "reason", "the CMHC called the client back"))
                .post("/interventions/" + assigned + "/status")
                .then()
                .statusCode(200);
        CarePlanFlowTest.as(DemoUsers.CMHC_CASE_MANAGER)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(200)
                .body("clientWords", nullValue())
                .body("goals[0].interventions[0].status", equalTo("in-progress"))
                .body("goals[0].interventions[0].statusReason", nullValue())
                .body("goals.size()", equalTo(1))
                .body("goals[0].id", equalTo(theirs))
                .body("goals[0].interventions.size()", equalTo(1))
                .body("goals[0].interventions[0].id", equalTo(assigned));
        // the rest stays the owning agency's
        for (String path : List.of("/versions", "/progress", "/suggestions", "/fhir")) {
            CarePlanFlowTest.as(DemoUsers.CMHC_CASE_MANAGER)
                    .get("/care-plans/" + plan + path)
                    .then()
                    .statusCode(404);
        }
        // an agency the plan assigns nothing sees nothing, though it serves the client too
        CaseEvents.open(
                c.clientId(),
                DemoUsers.FAMILY_AGENCY,
                DemoUsers.FAMILY_CASE_MANAGER,
                Program.CHILD_FAMILY,
                LocalDate.now());
        CarePlanFlowTest.as(DemoUsers.FAMILY_CASE_MANAGER)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(404);
        // once the CMHC no longer serves the client, the plan is gone for it
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                CMHC,
                new org.cairn.contracts.events.CaseClosedV1(
                        cmhcCase.caseId(), c.clientId(), CMHC, LocalDate.now(), Instant.now()));
        CaseEvents.awaitRow(
                "select count(*) from case_projection where case_id = cast(? as uuid) and status = 'closed'",
                cmhcCase.caseId());
        CarePlanFlowTest.as(DemoUsers.CMHC_CASE_MANAGER)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(404);
        // the owning agency still sees the whole plan
        CarePlanFlowTest.as(CM)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(200)
                .body("goals.size()", equalTo(2))
                .body("clientWords", equalTo("I want to sleep through the night and keep my flat"));
    }

    @Test
    void theAgencyThatTookAReferral_readsItsPartOfThePlan_asADisclosureUnderTheReferralsConsent() {
        CaseEvents.OpenCase c = caseWithTeam();
        String plan = CarePlanFlowTest.draft(c);
        String goalId = goalOf(plan);
        String referral = UUID.randomUUID().toString();
        String consent = UUID.randomUUID().toString();
        task(goalId, Map.of("responsible", "agency", "responsibleId", CMHC, "referralId", referral));
        activate(plan);
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                HOSPITAL,
                new ReferralAcceptedV1(
                        referral, c.clientId(), HOSPITAL, CMHC, Program.MENTAL_HEALTH, consent, Instant.now()));
        CaseEvents.awaitRow("select count(*) from referral_consent where referral_id = ?", referral);
        CaseEvents.open(c.clientId(), CMHC, DemoUsers.CMHC_CASE_MANAGER, Program.MENTAL_HEALTH, LocalDate.now());

        String request = "disclosure-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> CarePlanFlowTest.as(DemoUsers.CMHC_CASE_MANAGER)
                                .header("X-Request-Id", request)
                                .get("/care-plans/" + plan)
                                .statusCode()
                        == 200);
        List<TopicReader.Event> records = TopicReader.await(
                Topics.AUDIT,
                e -> c.clientId().equals(e.key()) && e.value().contains(request),
                1,
                Duration.ofSeconds(20));
        AuditRecordedV1 read = read(records.get(0));
        assertThat(read.agencyId()).isEqualTo(CMHC);
        assertThat(read.resourceId()).isEqualTo(plan);
        assertThat(read.consentIds()).containsExactly(consent);

        // the hospital's own read of its plan is no disclosure
        String own = "own-" + UUID.randomUUID();
        CarePlanFlowTest.as(CM)
                .header("X-Request-Id", own)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(200);
        List<TopicReader.Event> ours = TopicReader.await(
                Topics.AUDIT, e -> c.clientId().equals(e.key()) && e.value().contains(own), 1, Duration.ofSeconds(20));
        assertThat(read(ours.get(0)).consentIds()).isNull();
    }

    static AuditRecordedV1 read(TopicReader.Event e) {
        try {
            return EventJson.mapper().readValue(e.value(), AuditRecordedV1.class);
        } catch (java.io.IOException notOne) {
            throw new AssertionError("not an audit record: " + notOne.getClass().getSimpleName());
        }
    }

    @Test
    void aReferralsStatus_movesItsIntervention_once_andOnlyInTheReferringAgency() {
        CaseEvents.OpenCase c = caseWithTeam();
        String plan = CarePlanFlowTest.draft(c);
        String goalId = goalOf(plan);
        String referral = UUID.randomUUID().toString();
        String intervention =
                task(goalId, Map.of("responsible", "agency", "responsibleId", CMHC, "referralId", referral));
        activate(plan);
        long before = versions(plan);

        // another agency cannot move the hospital's intervention by claiming to have sent the referral
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                CMHC,
                referralEvent(referral, c, CMHC, ReferralTaskStatus.COMPLETED));
        String accepted = UUID.randomUUID().toString();
        ReferralStatusChangedV1 acceptance = referralEvent(referral, c, HOSPITAL, ReferralTaskStatus.ACCEPTED);
        EventPublisher.publish(accepted, c.clientId(), HOSPITAL, acceptance);
        EventPublisher.publish(accepted, c.clientId(), HOSPITAL, acceptance);

        CaseEvents.awaitRow(
                "select count(*) from intervention where id = cast(? as uuid) and status = 'in-progress'",
                intervention);

        // behind the duplicate on the client's partition: once it is applied, the duplicate was seen
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                HOSPITAL,
                referralEvent(referral, c, HOSPITAL, ReferralTaskStatus.COMPLETED));
        CaseEvents.awaitRow(
                "select count(*) from intervention where id = cast(? as uuid) and status = 'done'", intervention);
        assertThat(Sql.number("select count(*) from inbox_event where event_id = ?", accepted))
                .isEqualTo(1);
        assertThat(versions(plan)).isEqualTo(before + 2);

        List<TopicReader.Event> moves = TopicReader.ofClient(
                Topics.CAREPLANS, c.clientId(), "cairn.intervention.status-changed.v1", 2, Duration.ofSeconds(20));
        assertThat(moves).hasSize(2);
        for (TopicReader.Event e : moves) {
            assertThat(EventSchemas.errors("cairn.intervention.status-changed.v1", e.value()))
                    .isEmpty();
        }
        assertThat(TopicReader.ofClient(
                        Topics.CAREPLANS,
                        c.clientId(),
                        "cairn.intervention.status-changed.v1",
                        3,
                        Duration.ofSeconds(2)))
                .hasSize(2);
        CarePlanFlowTest.as(CM)
                .get("/care-plans/" + plan)
                .then()
                .body("goals[0].interventions[0].statusReason", equalTo("referral completed"));
        // the referral's end is progress on the goal it served, recorded once (the other agency's
        // claim to have completed it recorded nothing)
        CarePlanFlowTest.as(CM)
                .get("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.interventionId == '" + intervention + "' }.text",
                        equalTo(List.of("Referral completed.")))
                .body("findAll { it.interventionId == '" + intervention + "' }.goalId", equalTo(List.of(goalId)))
                .body(
                        "findAll { it.interventionId == '" + intervention + "' }.authorId",
                        equalTo(List.of("service:referrals")));
    }

    static ReferralStatusChangedV1 referralEvent(
            String referral, CaseEvents.OpenCase c, String sender, ReferralTaskStatus status) {
        return new ReferralStatusChangedV1(
                referral,
                c.clientId(),
                c.caseId(),
                sender,
                CMHC,
                ReferralTaskStatus.RECEIVED,
                status,
                null,
                Instant.now());
    }

    @Test
    void appointmentsAttendedOrMissed_andAssessmentScores_becomeProgressEntries() {
        CaseEvents.OpenCase c = caseWithTeam();
        String plan = CarePlanFlowTest.draft(c);
        String goalId = goalOf(plan);
        String appointment = UUID.randomUUID().toString();
        String intervention = task(goalId, Map.of("appointmentId", appointment));
        activate(plan);

        Instant starts = Instant.now().minusSeconds(3600);
        String attended = UUID.randomUUID().toString();
        AppointmentStatusChangedV1 came = new AppointmentStatusChangedV1(
                appointment,
                c.clientId(),
                c.caseId(),
                HOSPITAL,
                AppointmentStatus.CHECKED_IN,
                AppointmentStatus.ATTENDED,
                starts,
                Instant.now());
        EventPublisher.publish(attended, c.clientId(), HOSPITAL, came);
        EventPublisher.publish(attended, c.clientId(), HOSPITAL, came);
        // a cancellation is no progress; a no-show of an appointment no task names lands on the plan
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                HOSPITAL,
                new AppointmentStatusChangedV1(
                        UUID.randomUUID().toString(),
                        c.clientId(),
                        c.caseId(),
                        HOSPITAL,
                        AppointmentStatus.BOOKED,
                        AppointmentStatus.CANCELLED,
                        starts,
                        Instant.now()));
        String missed = UUID.randomUUID().toString();
        EventPublisher.publish(
                missed,
                c.clientId(),
                HOSPITAL,
                new AppointmentStatusChangedV1(
                        UUID.randomUUID().toString(),
                        c.clientId(),
                        c.caseId(),
                        HOSPITAL,
                        AppointmentStatus.BOOKED,
                        AppointmentStatus.NO_SHOW,
                        starts,
                        Instant.now()));
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                c.clientId(),
                HOSPITAL,
                new AssessmentCompletedV1(
                        UUID.randomUUID().toString(),
                        c.clientId(),
                        c.caseId(),
                        HOSPITAL,
                        "phq-9",
                        "1.0.0",
                        DemoTokens.subject(CM),
                        Instant.now(),
                        List.of(new AssessmentCompletedV1.Score("total", 14, "moderate")),
                        List.of(),
                        List.of()));

        CaseEvents.awaitRow("select count(*) from inbox_event where event_id = ?", missed);
        CaseEvents.awaitRow(
                "select count(*) from progress_entry where plan_id = cast(? as uuid) and measurement_label = 'phq-9 total'",
                plan);
        CaseEvents.awaitRow("select count(*) from inbox_event where event_id = ?", attended);
        List<Map<String, Object>> entries = CarePlanFlowTest.as(CM)
                .get("/care-plans/" + plan + "/progress")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(entries).hasSize(3);
        assertThat(entries)
                .filteredOn(e -> intervention.equals(e.get("interventionId")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("text")).isEqualTo("Appointment attended.");
                    assertThat(e.get("goalId")).isEqualTo(goalId);
                    assertThat(e.get("authorId")).isEqualTo("service:scheduling");
                });
        assertThat(entries)
                .filteredOn(e -> e.get("interventionId") == null && e.get("measurementLabel") == null)
                .singleElement()
                .satisfies(e -> assertThat((String) e.get("text")).contains("no-show"));
        assertThat(entries)
                .filteredOn(e -> "phq-9 total".equals(e.get("measurementLabel")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(((Number) e.get("measurementValue")).intValue()).isEqualTo(14);
                    assertThat(e.get("authorId")).isEqualTo(DemoTokens.subject(CM));
                });
    }

    @Test
    void aReviewFallingDue_isToldOnce() {
        CaseEvents.OpenCase c = caseWithTeam();
        String plan = CarePlanFlowTest.draft(c);
        activate(plan);
        Sql.update("update care_plan set next_review_on = current_date - 1 where id = cast(? as uuid)", plan);

        TopicReader.Event due = TopicReader.ofClient(
                        Topics.CAREPLANS,
                        c.clientId(),
                        "cairn.care-plan.review-date-reached.v1",
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        assertThat(EventSchemas.errors("cairn.care-plan.review-date-reached.v1", due.value()))
                .isEmpty();
        assertThat(due.value()).contains(plan).contains(DemoTokens.subject(CM));
        // the sweep runs every second in tests: later sweeps find it told
        assertThat(TopicReader.ofClient(
                        Topics.CAREPLANS,
                        c.clientId(),
                        "cairn.care-plan.review-date-reached.v1",
                        2,
                        Duration.ofSeconds(4)))
                .hasSize(1);
        CarePlanFlowTest.as(CM)
                .get("/reviews/overdue")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(plan));
    }

    @Test
    void thePlanExportedAsFhir_isWhatItReads_andValidR4() throws Exception {
        CaseEvents.OpenCase c = caseWithTeam();
        String plan = CarePlanFlowTest.draft(c);
        String goalId = goalOf(plan);
        task(
                goalId,
                Map.of(
                        "responsible",
                        "agency",
                        "responsibleId",
                        CMHC,
                        "referralId",
                        UUID.randomUUID().toString()));
        task(
                goalId,
                Map.of(
                        "responsible",
                        "care-team-member",
                        "responsibleId",
                        DemoTokens.subject(DemoUsers.HOSPITAL_INTAKE_WORKER),
                        "appointmentId",
                        UUID.randomUUID().toString()));
        task(goalId, Map.of("responsible", "client", "what", "Bring the lease"));
        activate(plan);

        String read = CarePlanFlowTest.as(CM)
                .get("/care-plans/" + plan)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String exported = CarePlanFlowTest.as(CM)
                .get("/care-plans/" + plan + "/fhir")
                .then()
                .statusCode(200)
                .contentType("application/fhir+json")
                .extract()
                .asString();

        com.fasterxml.jackson.databind.ObjectMapper json = EventJson.mapper();
        org.cairn.careplans.rest.PlanView view = json.readValue(read, org.cairn.careplans.rest.PlanView.class);
        assertThat(json.readTree(exported)).isEqualTo(org.cairn.careplans.rest.FhirExport.bundle(view));
        assertThat(json.readTree(exported).at("/entry/0/resource/activity").size())
                .isEqualTo(3);
        assertThat(FhirExportTest.fhirErrors(exported)).isEmpty();
        List<TopicReader.Event> audit = TopicReader.await(
                Topics.AUDIT,
                e -> c.clientId().equals(e.key()) && e.value().contains("\"exported\""),
                1,
                Duration.ofSeconds(15));
        AuditRecordedV1 record = json.readValue(audit.get(0).value(), AuditRecordedV1.class);
        assertThat(record.resourceId()).isEqualTo(plan);
        assertThat(record.actor().username()).isEqualTo(CM);
    }
}
