package org.cairn.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.cairn.testing.DemoTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A case manager's day, end to end: every step through the gateway only, as the demo network's users,
 * with the eight packaged services that dev/up starts on the real PostgreSQL, Kafka and Keycloak. The
 * steps run in order in one test and share what they made.
 *
 * <p>Agency A is Riverbend General Hospital, B is Harbor Child &amp; Family, C is Keystone Housing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyIT {

    private static final String A_INTAKE = "hospital.intake-worker";
    private static final String A_CM = "hospital.case-manager";
    private static final String A_SUPERVISOR = "hospital.supervisor";
    private static final String A_AUDITOR = "hospital.auditor";
    private static final String B_CM = "family.case-manager";
    private static final String B_SUPERVISOR = "family.supervisor";
    private static final String C_CM = "housing.case-manager";
    private static final String C_INTAKE = "housing.intake-worker";
    private static final String HOUSING = "keystone-housing";
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private boolean started;
    private final Map<String, String> ids = new HashMap<>();
    private final List<String> timings = new ArrayList<>();

    @BeforeAll
    void suiteUp() throws Exception {
        started = Suite.up();
        // staff known to the services before the events that look for them: the case manager to be
        // assigned (clients), the supervisors and intake workers to be notified (notifications)
        for (String user : List.of(A_INTAKE, A_CM, A_SUPERVISOR, C_CM)) {
            as(user).get("/api/clients/cases/mine").then().statusCode(200);
        }
        for (String user : List.of(A_CM, A_SUPERVISOR, C_CM, C_INTAKE, B_CM)) {
            as(user).get("/api/notifications/inbox").then().statusCode(200);
        }
        // One crisis through the suite before the journey's, on a client of its own: a service just
        // started runs its first crisis through code the JIT has not compiled yet (seen: 0.3–0.7 s
        // more), while step 3 is about the crisis of a suite that is running, as a user meets it.
        String warmUp = as(A_CM).body(Map.of(
                        "name",
                        Map.of("given", "Warm", "family", "Up" + Long.toString(System.nanoTime(), 36)),
                        "estimatedBirthYear",
                        1960,
                        "registerDespiteMatches",
                        true))
                .post("/api/clients/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String warmCase = as(A_CM).body(Map.of("program", "medical"))
                .post("/api/clients/clients/" + warmUp + "/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        completed(warmCase, "phq-9", phq9WithItem9());
        eventually(
                () -> as(A_CM).queryParam("caseId", warmCase).get("/api/notifications/inbox"),
                r -> !r.jsonPath()
                        .getList("items.findAll { it.occasion == 'crisis' }")
                        .isEmpty());
    }

    /** A PHQ-9 answered "more than half the days" to items 1–8 and "several days" to item 9. */
    private static Map<String, Object> phq9WithItem9() {
        Map<String, Object> phq9 = new HashMap<>();
        for (int i = 1; i <= 8; i++) {
            phq9.put("phq9-" + i, "LA6570-1");
        }
        phq9.put("phq9-9", "LA6569-3");
        return phq9;
    }

    @AfterAll
    void suiteDown() throws Exception {
        timings.forEach(t -> System.out.println("journey: " + t));
        if (started) {
            Suite.down();
        }
    }

    /**
     * The day as one test: each step builds on the objects of the steps before it, so they run in
     * order in one method, and the first that fails names itself in the failure.
     */
    @Test
    void aCaseManagersDay_acrossTheWholeSuite_throughTheGatewayOnly() throws Exception {
        step1_registeringAClientAnotherAgencyServes_saysAMatchExistsElsewhere_andNothingAboutIt();
        step2_aCaseIsOpened_andAssignedToACaseManagerOfA();
        step3_aPhq9WithItem9Positive_raisesACrisis_inTheInboxesWithinASecond_andOnTheCase();
        step4_theCarePlan_takesTheSuggestedHousingAndFoodGoals_isReturnedOnce_thenApproved();
        step4b_theCaseOverview_composesTheCaseFromEveryService();
        step5_underAConsentToHousingWithoutBehavioralHealth_theClientIsReferred_andABehavioralHealthFieldIsRefused();
        step6_housingAcceptsTheReferral_andBooksTheIntake_theCaseManagerIsTold_andTheInterventionShowsIt();
        step7_theReminderComesBeforeTheIntake_theIntakeIsAttended_theReferralCompleted_andTheGoalShowsIt();
        step8_agencyBGets404OnEveryObject_andHousingCannotReadThePhq9();
        step9_theAuditTrail_showsWhoReadWhatFromWhichService_andTheDisclosureToHousing();
        step9b_everyReadOfTheClientsDataTheJourneyMade_leftItsRecordInTheTrail();
        schedulingStopped_theOverviewMarksTheAppointmentsUnavailable_andReturnsTheRest();
    }

    // ---- 1. a client whom agency B already serves is registered at agency A ----------------------

    private void step1_registeringAClientAnotherAgencyServes_saysAMatchExistsElsewhere_andNothingAboutIt() {
        String family = "Journey" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        LocalDate born =
                LocalDate.of(1970, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(12_000));
        ids.put("family", family);
        ids.put("born", born.toString());
        Map<String, Object> person = Map.of(
                "name", Map.of("given", "Rowan", "family", family),
                "birthDate", born.toString(),
                "preferredLanguage", "en",
                "contactPoints", List.of(Map.of("system", "phone", "value", "555-0142", "use", "mobile")));

        String bClient = as(B_CM).body(person)
                .post("/api/clients/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ids.put("bClient", bClient);
        ids.put(
                "bCase",
                as(B_CM).body(Map.of("program", "child-family"))
                        .post("/api/clients/clients/" + bClient + "/cases")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));

        Response check = as(A_INTAKE).body(person).post("/api/clients/clients/duplicate-check");
        check.then()
                .statusCode(200)
                .body("elsewhereInNetwork", equalTo(true))
                .body("candidates", org.hamcrest.Matchers.empty());
        assertThat(check.asString())
                .doesNotContain(bClient)
                .doesNotContain("harbor")
                .doesNotContain("family")
                .doesNotContain(family);
        as(A_INTAKE).body(person).post("/api/clients/clients").then().statusCode(409);

        Map<String, Object> anyway = new HashMap<>(person);
        anyway.put("registerDespiteMatches", true);
        String client = as(A_INTAKE)
                .body(anyway)
                .post("/api/clients/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(client).isNotEqualTo(bClient);
        ids.put("client", client);
    }

    // ---- 2. a case at A, with its case manager ----------------------------------------------------

    private void step2_aCaseIsOpened_andAssignedToACaseManagerOfA() {
        String caseId = as(A_INTAKE)
                .body(Map.of("program", "medical", "primaryCaseManagerId", DemoTokens.subject(A_CM)))
                .post("/api/clients/clients/" + ids.get("client") + "/cases")
                .then()
                .statusCode(201)
                .body("primaryCaseManagerId", equalTo(DemoTokens.subject(A_CM)))
                .extract()
                .path("id");
        ids.put("case", caseId);
        as(A_CM).get("/api/clients/cases/mine")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(caseId));
    }

    // ---- 3. PHQ-9 with item 9 > 0 and an AHC HRSN screening: a crisis -------------------------------

    private void step3_aPhq9WithItem9Positive_raisesACrisis_inTheInboxesWithinASecond_andOnTheCase() {
        String caseId = ids.get("case");
        Completed phqDone = completed(caseId, "phq-9", phq9WithItem9());
        String phq = phqDone.id();
        ids.put("phq9", phq);
        Instant completedAt = phqDone.at();

        Map<String, Object> hrsn = new HashMap<>();
        hrsn.put("living-situation", "LA31995-6"); // no steady place to live
        hrsn.put("housing-problems", List.of("LA9-3"));
        hrsn.put("food-worry", "LA28397-0"); // often
        hrsn.put("food-did-not-last", "LA6729-3"); // sometimes
        hrsn.put("transportation", "LA32-8");
        hrsn.put("utilities", "LA32-8");
        for (int i = 1; i <= 4; i++) {
            hrsn.put("safety-" + i, "LA6270-8");
        }
        ids.put("hrsn", completed(caseId, "ahc-hrsn", hrsn).id());

        for (String user : List.of(A_CM, A_SUPERVISOR)) {
            JsonPath item = eventually(
                    () -> as(user).queryParam("caseId", caseId)
                            .queryParam("state", "unread")
                            .get("/api/notifications/inbox"),
                    r -> r.jsonPath()
                                    .getList("items.findAll { it.occasion == 'crisis' }")
                                    .size()
                            == 1);
            String created = item.getString("items.find { it.occasion == 'crisis' }.createdAt");
            long lag = ChronoUnit.MILLIS.between(completedAt, Instant.parse(created));
            timings.add("crisis: assessment completed → inbox item of " + user + " created " + lag + " ms later");
            // from the completion as assessments recorded it to the item as notifications created it
            // (one machine's clock); the test's own polling is not in this number
            assertThat(lag).as("crisis to the inbox of " + user + ", ms").isLessThan(1_000);
            if (user.equals(A_CM)) {
                ids.put("crisisItem", item.getString("items.find { it.occasion == 'crisis' }.id"));
            }
        }
        JsonPath flagged = eventually(
                () -> as(A_CM).get("/api/clients/cases/" + caseId),
                r -> r.jsonPath().get("crisis") != null);
        assertThat(flagged.getString("crisis.reason")).contains(phq);
    }

    // ---- 4. the care plan: suggested goals accepted, returned once, approved ------------------------

    private void step4_theCarePlan_takesTheSuggestedHousingAndFoodGoals_isReturnedOnce_thenApproved() {
        String caseId = ids.get("case");
        String plan = eventually(
                        () -> as(A_CM).body(Map.of()).post("/api/careplans/cases/" + caseId + "/care-plans"),
                        r -> r.statusCode() == 201)
                .getString("id");
        ids.put("plan", plan);
        JsonPath suggestions = eventually(
                () -> as(A_CM).get("/api/careplans/care-plans/" + plan + "/suggestions"),
                r -> r.statusCode() == 200
                        && r.jsonPath().getList("needDomain").containsAll(List.of("housing", "food")));
        LocalDate target = LocalDate.now().plusMonths(3);
        for (String domain : List.of("housing", "food")) {
            String suggestion = suggestions.getString("find { it.needDomain == '" + domain + "' }.id");
            as(A_CM).body(Map.of(
                            "statement",
                            "Rowan has a stable " + domain + " arrangement by " + target,
                            "target",
                            domain + " secured",
                            "targetDate",
                            target.toString(),
                            "priority",
                            "high"))
                    .post("/api/careplans/suggestions/" + suggestion + "/acceptance")
                    .then()
                    .statusCode(200);
        }
        as(A_CM).post("/api/careplans/care-plans/" + plan + "/submission")
                .then()
                .statusCode(200)
                .body("status", equalTo("submitted"));
        as(A_SUPERVISOR)
                .body(Map.of("comment", "Add a date for the housing goal's first step."))
                .post("/api/careplans/care-plans/" + plan + "/return")
                .then()
                .statusCode(200)
                .body("status", equalTo("draft"));
        as(A_CM).post("/api/careplans/care-plans/" + plan + "/submission")
                .then()
                .statusCode(200);
        JsonPath approved = as(A_SUPERVISOR)
                .post("/api/careplans/care-plans/" + plan + "/approval")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .extract()
                .jsonPath();
        assertThat(approved.getList("goals.needDomain")).contains("housing", "food");
        assertThat(approved.getList("goals.findAll { it.needDomain in ['housing', 'food'] }.status"))
                .containsOnly("active");
        ids.put("housingGoal", approved.getString("goals.find { it.needDomain == 'housing' }.id"));
    }

    private void step4b_theCaseOverview_composesTheCaseFromEveryService() {
        JsonPath overview = as(A_CM).get("/api/overview/cases/" + ids.get("case"))
                .then()
                .statusCode(200)
                .body("unavailable", org.hamcrest.Matchers.empty())
                .extract()
                .jsonPath();
        assertThat(overview.getString("case.crisis.reason")).contains(ids.get("phq9"));
        assertThat(overview.getString("sections.client.data.name.family")).isEqualTo(ids.get("family"));
        assertThat(overview.getList("sections.assessments.data.instrumentId")).contains("phq-9", "ahc-hrsn");
        assertThat(overview.getList("sections.assessments.data.find { it.instrumentId == 'phq-9' }.scores"))
                .isNotEmpty();
        assertThat(overview.getString("sections.carePlan.data.status")).isEqualTo("active");
        assertThat(overview.getList("sections.carePlan.data.goals.needDomain")).contains("housing", "food");
        assertThat(overview.getList("sections.notifications.data.items.occasion"))
                .contains("crisis");
    }

    // ---- 5. consent to agency C, a directory search, a referral; a behavioral-health field refused --

    private void
            step5_underAConsentToHousingWithoutBehavioralHealth_theClientIsReferred_andABehavioralHealthFieldIsRefused() {
        String client = ids.get("client");
        String consent = as(A_CM).body(Map.of(
                        "grantorType",
                        "client",
                        "recipientAgencyId",
                        HOUSING,
                        "purpose",
                        "referral",
                        "categories",
                        List.of("general"),
                        "effectiveFrom",
                        LocalDate.now().toString(),
                        "evidenceType",
                        "signed"))
                .post("/api/clients/clients/" + client + "/consents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ids.put("consent", consent);

        int age = (int) ChronoUnit.YEARS.between(LocalDate.parse(ids.get("born")), LocalDate.now());
        JsonPath found = as(A_CM).queryParam("need", "housing")
                .queryParam("age", age)
                .queryParam("area", "Riverbend County")
                .get("/api/referrals/directory/services")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String service = found.getString("items.find { it.organization.agencyId == '" + HOUSING + "' }.id");
        assertThat(service)
                .as("a housing service of Keystone the client is eligible for")
                .isNotNull();

        Map<String, Object> referral = new HashMap<>(Map.of(
                "caseId",
                ids.get("case"),
                "serviceId",
                service,
                "eligibility",
                Map.of("age", age, "area", "Riverbend County"),
                "needDomain",
                "housing",
                "urgency",
                "urgent",
                "reason",
                "No steady place to live since discharge",
                "packet",
                List.of(Map.of("label", "phone", "category", "general", "text", "555-0142"))));
        // the consent reaches referrals through Kafka: until then the answer is 404 (case) or 422
        String id = eventually(
                        () -> as(A_CM).body(referral).post("/api/referrals/referrals"), r -> r.statusCode() == 201)
                .getString("id");
        ids.put("referral", id);

        Map<String, Object> tooMuch = new HashMap<>(referral);
        tooMuch.put(
                "packet",
                List.of(
                        Map.of("label", "phone", "category", "general", "text", "555-0142"),
                        Map.of(
                                "label",
                                "diagnosis",
                                "category",
                                "behavioral-health",
                                "text",
                                "major depressive disorder")));
        as(A_CM).body(tooMuch)
                .post("/api/referrals/referrals")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cairn:problem:no-consent"));
        as(A_CM).queryParam("caseId", ids.get("case"))
                .get("/api/referrals/referrals")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(id)));

        // the care plan's housing goal gets the referral as its intervention
        as(A_CM).body(Map.of(
                        "what",
                        "Housing intake at Keystone",
                        "responsible",
                        "agency",
                        "responsibleId",
                        HOUSING,
                        "referralId",
                        id))
                .post("/api/careplans/goals/" + ids.get("housingGoal") + "/interventions")
                .then()
                .statusCode(201);
    }

    // ---- 6. agency C accepts and books the intake; A is told; the intervention shows it -------------

    private void step6_housingAcceptsTheReferral_andBooksTheIntake_theCaseManagerIsTold_andTheInterventionShowsIt()
            throws InterruptedException {
        String id = ids.get("referral");
        as(C_INTAKE)
                .queryParam("box", "received")
                .get("/api/referrals/referrals")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));
        as(C_CM).get("/api/referrals/referrals/" + id)
                .then()
                .statusCode(200)
                .body("packet.label", equalTo(List.of("phone")));
        // A's case manager has the live notification stream open, through the gateway
        LiveStream live =
                LiveStream.open(Suite.GATEWAY + "/api/notifications/inbox/stream", DemoTokens.accessToken(A_CM));
        try {
            as(C_CM).body(Map.of("status", "accepted", "program", "vocational-rehab"))
                    .post("/api/referrals/referrals/" + id + "/status")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("accepted"));
            await().atMost(PATIENCE)
                    .until(() -> live.lines().stream()
                            .anyMatch(l -> l.startsWith("data:")
                                    && l.contains("referral-accepted")
                                    && l.contains(ids.get("case"))));
        } finally {
            live.close();
        }

        eventually(
                () -> as(A_CM).queryParam("caseId", ids.get("case")).get("/api/notifications/inbox"),
                r -> !r.jsonPath()
                        .getList("items.findAll { it.occasion == 'referral-accepted' }")
                        .isEmpty());
        eventually(
                () -> as(A_CM).get("/api/careplans/care-plans/" + ids.get("plan")),
                r -> "in-progress".equals(intervention(r.jsonPath(), id, "status")));

        // the accepted referral opened a case at Keystone for the client
        String housingCase = eventually(
                        () -> as(C_CM).get("/api/clients/clients/" + ids.get("client") + "/cases"),
                        r -> r.statusCode() == 200
                                && r.jsonPath().getString("find { it.program == 'vocational-rehab' }.id") != null)
                .getString("find { it.program == 'vocational-rehab' }.id");
        ids.put("housingCase", housingCase);

        // the intake starts in two to three minutes, with a reminder one minute before to the staff
        LocalDateTime start =
                LocalDateTime.now(CHICAGO).truncatedTo(ChronoUnit.MINUTES).plusMinutes(3);
        Map<String, Object> booking = Map.of(
                "clientId",
                ids.get("client"),
                "caseId",
                housingCase,
                "clientInitials",
                "RJ",
                "kind",
                "intake",
                "mode",
                "in-person",
                "location",
                "Keystone Housing, front desk",
                "start",
                start.toString(),
                "end",
                start.plusMinutes(30).toString(),
                "timeZone",
                CHICAGO.getId(),
                "reminders",
                List.of(Map.of("before", "PT2M", "to", "staff")));
        JsonPath appointment = eventually(
                () -> as(C_CM).body(booking).post("/api/scheduling/appointments"), r -> r.statusCode() == 201);
        ids.put("appointment", appointment.getString("id"));
        ids.put("startsAt", appointment.getString("startsAt"));
    }

    // ---- 7. the reminder, the attended intake, the completed referral, the goal's progress ---------

    private void step7_theReminderComesBeforeTheIntake_theIntakeIsAttended_theReferralCompleted_andTheGoalShowsIt() {
        String appointment = ids.get("appointment");
        Instant startsAt = Instant.parse(ids.get("startsAt"));
        // the notification links to the appointment (an absolute link into the web front end)
        String item = "items.find { it.link?.endsWith('/appointments/" + appointment + "') }";
        JsonPath reminder = eventually(
                Duration.ofMinutes(3),
                () -> as(C_CM).get("/api/notifications/inbox"),
                r -> r.jsonPath().getString(item + ".id") != null);
        Instant remindedAt = Instant.parse(reminder.getString(item + ".createdAt"));
        assertThat(reminder.getString(item + ".occasion")).isEqualTo("appointment-reminder");
        assertThat(remindedAt).isBefore(startsAt);
        timings.add(
                "reminder: in the inbox " + ChronoUnit.SECONDS.between(remindedAt, startsAt) + " s before the intake");

        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Instant.now().isAfter(startsAt.plusSeconds(1)));
        as(C_CM).body(Map.of("status", "attended"))
                .post("/api/scheduling/appointments/" + appointment + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("attended"));

        String id = ids.get("referral");
        as(C_CM).body(Map.of("status", "in-progress"))
                .post("/api/referrals/referrals/" + id + "/status")
                .then()
                .statusCode(200);
        as(C_CM).body(Map.of("status", "completed", "outcome", "service-delivered"))
                .post("/api/referrals/referrals/" + id + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));

        JsonPath plan = eventually(
                () -> as(A_CM).get("/api/careplans/care-plans/" + ids.get("plan")),
                r -> "done".equals(intervention(r.jsonPath(), id, "status")));
        assertThat(intervention(plan, id, "statusReason")).contains("completed");
        // and the referral's end is progress on the housing goal it served
        JsonPath progress = eventually(
                () -> as(A_CM).get("/api/careplans/care-plans/" + ids.get("plan") + "/progress"),
                r -> r.statusCode() == 200
                        && !r.jsonPath()
                                .getList("findAll { it.goalId == '" + ids.get("housingGoal") + "' }")
                                .isEmpty());
        assertThat(progress.getList("findAll { it.goalId == '" + ids.get("housingGoal") + "' }.text"))
                .contains("Referral completed: service delivered.");
        eventually(
                () -> as(A_CM).queryParam("caseId", ids.get("case")).get("/api/notifications/inbox"),
                r -> !r.jsonPath()
                        .getList("items.findAll { it.occasion == 'referral-completed' }")
                        .isEmpty());
    }

    // ---- 8. agency B sees none of it; agency C cannot read the PHQ-9 ------------------------------

    private void step8_agencyBGets404OnEveryObject_andHousingCannotReadThePhq9() {
        List<String> paths = List.of(
                "/api/clients/clients/" + ids.get("client"),
                "/api/clients/cases/" + ids.get("case"),
                "/api/overview/cases/" + ids.get("case"),
                "/api/assessments/assessments/" + ids.get("phq9"),
                "/api/assessments/assessments/" + ids.get("hrsn"),
                "/api/careplans/care-plans/" + ids.get("plan"),
                "/api/referrals/referrals/" + ids.get("referral"),
                "/api/scheduling/appointments/" + ids.get("appointment"),
                "/api/notifications/inbox/" + ids.get("crisisItem"));
        for (String user : List.of(B_CM, B_SUPERVISOR)) {
            for (String path : paths) {
                as(user).get(path).then().statusCode(404).contentType("application/problem+json");
            }
        }
        // Keystone serves the client now and reads what the consent covers (the registration), not the PHQ-9
        as(C_CM).get("/api/clients/clients/" + ids.get("client")).then().statusCode(200);
        as(C_CM).get("/api/assessments/assessments/" + ids.get("phq9"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    // ---- 9. the audit trail and the accounting of disclosures --------------------------------------

    private void step9_theAuditTrail_showsWhoReadWhatFromWhichService_andTheDisclosureToHousing() {
        String client = ids.get("client");
        Set<String> services = new HashSet<>();
        Set<String> actors = new HashSet<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            services.clear();
            actors.clear();
            for (Map<String, Object> record : all(A_AUDITOR, "/api/audit/audit/clients/" + client + "/records")) {
                services.add(String.valueOf(record.get("service")));
                actors.add(String.valueOf(record.get("actorUsername")));
            }
            return services.containsAll(List.of("clients", "assessments", "careplans", "referrals", "scheduling"))
                    && actors.containsAll(List.of(A_INTAKE, A_CM, A_SUPERVISOR, C_CM));
        });
        List<Map<String, Object>> disclosures = all(A_AUDITOR, "/api/audit/audit/clients/" + client + "/disclosures");
        assertThat(disclosures).anySatisfy(d -> {
            assertThat(d.get("agencyId")).isEqualTo(HOUSING);
            assertThat(d.get("resourceType")).isEqualTo("referral");
            assertThat(d.get("resourceId")).isEqualTo(ids.get("referral"));
            assertThat(String.valueOf(d.get("consentIds"))).contains(ids.get("consent"));
        });
    }

    // ---- 9b. completeness: the services really audit ------------------------------------------------

    /**
     * Every read the journey made through the gateway (each sent with a request id of its own) left
     * its record in the audit trail, from the service that answered: an answered read a record of
     * any action, a 404 an access-denied one; a case overview one from each service it composes.
     * Left out are the reads that carry no client data: notifications (an inbox item names its
     * occasion and the case, never the client), the resource directory and the API document.
     */
    private void step9b_everyReadOfTheClientsDataTheJourneyMade_leftItsRecordInTheTrail() {
        List<Sent> reads;
        synchronized (SENT) {
            reads = SENT.stream().filter(Sent::readsClientData).toList();
        }
        Map<String, Long> perService = new TreeMap<>();
        reads.forEach(r -> perService.merge(r.service(), 1L, Long::sum));
        timings.add("completeness: " + reads.size() + " reads checked, by service " + perService);
        assertThat(perService.keySet())
                .contains("audit", "assessments", "careplans", "clients", "overview", "referrals", "scheduling");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> missing = new ArrayList<>();
        for (Sent read : reads) {
            Set<String> expected = read.auditingServices();
            Set<String> seen = new HashSet<>();
            while (true) {
                seen.clear();
                for (Map<String, Object> record :
                        all(A_AUDITOR, "/api/audit/audit/requests/" + read.requestId() + "/records")) {
                    boolean denied = "access-denied".equals(record.get("action"));
                    if (denied == (read.status() == 404)) {
                        seen.add(String.valueOf(record.get("service")));
                    }
                }
                if (seen.containsAll(expected) || System.nanoTime() > deadline) {
                    break;
                }
                sleep(Duration.ofMillis(250));
            }
            if (!seen.containsAll(expected)) {
                missing.add(read.user() + " GET " + read.path() + " → " + read.status() + ": records from " + seen
                        + ", expected from " + expected);
            }
        }
        assertThat(missing).as("reads without their audit record").isEmpty();
    }

    // ---- the API of the whole suite in one document ----------------------------------------------

    @Test
    void theCombinedApiDocument_coversEveryService_andEveryReferenceInItResolves() {
        Response answer = given().baseUri(Suite.GATEWAY).get("/api/openapi");
        answer.then().statusCode(200);
        JsonPath doc = answer.jsonPath();
        for (String service :
                List.of("clients", "assessments", "careplans", "referrals", "scheduling", "notifications", "audit")) {
            assertThat(doc.getBoolean("x-cairn-sources." + service + ".available"))
                    .as(service)
                    .isTrue();
            assertThat(doc.getMap("paths").keySet())
                    .as(service)
                    .anyMatch(p -> String.valueOf(p).startsWith("/api/" + service + "/"));
        }
        assertThat(doc.getMap("paths")).containsKeys("/api/overview/cases/{caseId}", "/api/clients/clients/{id}");
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile(
                        "\"\\$ref\"\\s*:\\s*\"#/components/([^/\"]+)/([^\"]+)\"")
                .matcher(answer.asString());
        int count = 0;
        while (refs.find()) {
            count++;
            Map<String, Object> kind = doc.getMap("components." + refs.group(1));
            assertThat(kind).as("components of kind " + refs.group(1)).isNotNull();
            assertThat(kind).as("the reference " + refs.group()).containsKey(refs.group(2));
        }
        assertThat(count).as("references checked").isGreaterThan(100);
    }

    // ---- a service down: the overview says which part is missing -----------------------------------

    private void schedulingStopped_theOverviewMarksTheAppointmentsUnavailable_andReturnsTheRest() throws Exception {
        Suite.stop("scheduling");
        try {
            as(A_CM).get("/api/overview/cases/" + ids.get("case"))
                    .then()
                    .statusCode(200)
                    .body("unavailable", equalTo(List.of("appointments")))
                    .body("sections.appointments.available", equalTo(false))
                    .body("sections.appointments.service", equalTo("scheduling"))
                    .body("sections.appointments.reason", equalTo("unavailable"))
                    .body("sections.carePlan.available", equalTo(true))
                    .body("sections.assessments.available", equalTo(true));
            as(A_CM).get("/api/scheduling/appointments").then().statusCode(503).contentType("application/problem+json");
        } finally {
            Suite.up();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The services that read a client's data and say so in the audit trail (the gateway composes). */
    private static final Set<String> AUDITING =
            Set.of("clients", "assessments", "careplans", "referrals", "scheduling", "audit");

    /** Every request the journey sent through the gateway, as it was answered. */
    private static final List<Sent> SENT = Collections.synchronizedList(new ArrayList<>());

    /** A request the journey sent: by whom, where (the path under the gateway), how it was answered. */
    private record Sent(String user, String method, String path, int status, String requestId) {

        /** The part of the gateway's API it went to: a service's name, or overview. */
        String service() {
            String[] parts = path.split("/");
            return parts.length > 2 ? parts[2] : "";
        }

        boolean readsClientData() {
            return method.equals("GET")
                    && (status / 100 == 2 || status == 404)
                    && (AUDITING.contains(service()) || service().equals("overview"))
                    && !path.startsWith("/api/referrals/directory/");
        }

        /** Which services must have recorded it: an overview's case comes from clients, the rest after. */
        Set<String> auditingServices() {
            if (!service().equals("overview")) {
                return Set.of(service());
            }
            return status == 404
                    ? Set.of("clients")
                    : Set.of("clients", "assessments", "careplans", "referrals", "scheduling");
        }
    }

    private static RequestSpecification as(String user) {
        return given().baseUri(Suite.GATEWAY)
                .filter((request, response, context) -> {
                    String id = "journey-" + UUID.randomUUID();
                    request.header("X-Request-Id", id);
                    Response answer = context.next(request, response);
                    SENT.add(new Sent(
                            user,
                            request.getMethod(),
                            URI.create(request.getURI()).getPath(),
                            answer.statusCode(),
                            id));
                    return answer;
                })
                .auth()
                .oauth2(DemoTokens.accessToken(user))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** Starts and completes an assessment as the case manager, once the case has reached assessments. */
    /** An assessment completed: its id, and when the service recorded the completion. */
    private record Completed(String id, Instant at) {}

    private static Completed completed(String caseId, String instrument, Map<String, Object> answers) {
        String id = eventually(
                        () -> as(A_CM).body(Map.of("caseId", caseId, "instrumentId", instrument, "answers", answers))
                                .post("/api/assessments/assessments"),
                        r -> r.statusCode() == 201)
                .getString("id");
        String at = as(A_CM).body(Map.of())
                .post("/api/assessments/assessments/" + id + "/completion")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .extract()
                .path("completedAt");
        return new Completed(id, Instant.parse(at));
    }

    private static String intervention(JsonPath plan, String referral, String field) {
        for (Map<String, Object> goal : plan.<Map<String, Object>>getList("goals")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> interventions = (List<Map<String, Object>>) goal.get("interventions");
            for (Map<String, Object> i : interventions == null ? List.<Map<String, Object>>of() : interventions) {
                if (referral.equals(i.get("referralId"))) {
                    return String.valueOf(i.get(field));
                }
            }
        }
        return null;
    }

    /** Every item of a paged list. */
    private static List<Map<String, Object>> all(String user, String path) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            JsonPath answer = as(user).queryParam("page", page)
                    .queryParam("size", 100)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            items.addAll(answer.getList("items"));
            if (!answer.getBoolean("hasMore")) {
                break;
            }
        }
        return items;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonPath eventually(Supplier<Response> call, Predicate<Response> done) {
        return eventually(PATIENCE, call, done);
    }

    /** Repeats a call (four a second at most: the gateway limits each user's rate) until it is done. */
    private static JsonPath eventually(Duration patience, Supplier<Response> call, Predicate<Response> done) {
        Response[] last = new Response[1];
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> {
                last[0] = call.get();
                return done.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "still not done after " + patience + "; the last answer was "
                            + (last[0] == null ? "none" : last[0].statusCode() + " " + last[0].asString()),
                    e);
        }
        return last[0].jsonPath();
    }
}
