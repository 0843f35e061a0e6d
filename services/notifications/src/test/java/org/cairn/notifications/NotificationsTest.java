package org.cairn.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cairn.contracts.events.AppointmentReminderTimeReachedV1;
import org.cairn.contracts.events.AssessmentCompletedV1;
import org.cairn.contracts.events.AssessmentCrisisIdentifiedV1;
import org.cairn.contracts.events.CarePlanReturnedV1;
import org.cairn.contracts.events.CarePlanSubmittedV1;
import org.cairn.contracts.events.CaseTransferredV1;
import org.cairn.contracts.events.ReferralEscalatedV1;
import org.cairn.contracts.events.ReferralStatusChangedV1;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.AppointmentKind;
import org.cairn.contracts.vocabulary.AppointmentMode;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.ReminderRecipient;
import org.cairn.contracts.vocabulary.RiskSeverity;
import org.cairn.contracts.vocabulary.Urgency;
import org.cairn.notifications.rest.ProviderResource;
import org.cairn.notifications.service.Templates;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications on the real database, broker and identity provider, with a real SMTP server and a
 * stub SMS/push provider: a crisis reaches the case manager and the supervisor in-app and by email in
 * their languages within a second; quiet hours hold routine news but not a crisis; an SMS refused
 * once is sent on the retry and settled by the signed callback; a duplicate event notifies nobody
 * twice; a poison record goes to the dead-letter topic while the partition goes on; the live stream
 * gets a new item; another agency sees none of it. Each route of the default rules reaches its
 * people and not their colleagues: a referral received, rejected or escalated, a plan returned, a case
 * transferred.
 */
@QuarkusTest
@QuarkusTestResource(value = Providers.class, restrictToAnnotatedClass = false)
class NotificationsTest {

    static final String CM = DemoUsers.HOSPITAL_CASE_MANAGER;
    static final String SUPERVISOR = DemoUsers.HOSPITAL_SUPERVISOR;
    static final String STRANGER = DemoUsers.CMHC_CASE_MANAGER;
    static final String HOSPITAL = DemoUsers.HOSPITAL_AGENCY;
    static final String CM_EMAIL = "hospital.case-manager@riverbend-hospital.example";
    static final String SUPERVISOR_EMAIL = "hospital.supervisor@riverbend-hospital.example";

    @TestHTTPResource("/inbox/stream")
    URI stream;

    @Inject
    Templates templates;

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    @BeforeEach
    void everyoneSignedIn_withPlainSettings() {
        for (String user : List.of(CM, SUPERVISOR, STRANGER)) {
            as(user).get("/inbox").then().statusCode(200);
        }
        settings(CM, "es", null, null);
        settings(SUPERVISOR, "en", null, null);
        Sql.update("update staff_member set on_call = false, phone = null");
        Providers.http.resetAll();
        Providers.http.stubFor(post(urlPathMatching("/sms/.*"))
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM" + UUID.randomUUID() + "\"}")));
        Providers.http.stubFor(post(urlPathMatching("/push/.*"))
                .willReturn(aResponse().withStatus(200).withBody("{\"name\":\"projects/x/messages/1\"}")));
    }

    static void settings(String user, String language, Map<String, String> quiet, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("language", language);
        body.put(
                "email",
                user + "@" + (user.startsWith("hospital") ? "riverbend-hospital" : "northside-cmhc") + ".example");
        body.put("phone", phone);
        body.put("quietHours", quiet);
        body.put("digest", false);
        as(user).body(body).put("/me/preferences").then().statusCode(200);
    }

    static CaseEvents.OpenCase openCase() {
        return CaseEvents.open(HOSPITAL, CM, Program.MEDICAL, LocalDate.now().minusDays(10));
    }

    static String crisis(CaseEvents.OpenCase c) {
        String id = UUID.randomUUID().toString();
        EventPublisher.publish(id, c.clientId(), HOSPITAL, crisisEvent(c));
        return id;
    }

    static AssessmentCrisisIdentifiedV1 crisisEvent(CaseEvents.OpenCase c) {
        return new AssessmentCrisisIdentifiedV1(
                UUID.randomUUID().toString(),
                c.clientId(),
                c.caseId(),
                HOSPITAL,
                "phq-9",
                "1.0",
                RiskSeverity.HIGH,
                List.of(new AssessmentCompletedV1.Risk("phq9-item9", RiskSeverity.HIGH)),
                Instant.now());
    }

    /** The notifications written for an event, one row per recipient. */
    static List<Map<String, Object>> notified(String eventId) {
        return Sql.query(
                "select id::text as id, recipient_id, language, urgency,"
                        + " extract(epoch from (created_at - event_time)) * 1000 as lag_ms"
                        + " from notification where event_id = ? order by recipient_id",
                eventId);
    }

    static List<Map<String, Object>> deliveries(String eventId) {
        return Sql.query(
                "select d.id::text as id, d.channel, d.status, d.attempts, d.due_at, d.reason, d.provider_id,"
                        + " n.recipient_id from delivery d join notification n on n.id = d.notification_id"
                        + " where n.event_id = ? order by n.recipient_id, d.channel",
                eventId);
    }

    static List<MimeMessage> mailTo(String address, String subjectPart) {
        return Arrays.stream(Providers.mail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                        .anyMatch(r -> r.toString().equals(address))
                                && m.getSubject().contains(subjectPart);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The messages whose text links to a case. */
    static List<MimeMessage> about(List<MimeMessage> messages, String caseId) {
        return messages.stream()
                .filter(m -> {
                    try {
                        return m.getContent().toString().contains(caseId);
                    } catch (java.io.IOException | jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void aCrisis_reachesTheCaseManagerAndTheSupervisor_inAppAndByEmail_inTheirLanguages_withinASecond()
            throws Exception {
        // a first crisis after the service started runs code the JIT has not compiled yet: the one
        // timed is the next, as every crisis of a running service is
        String first = crisis(openCase());
        await().atMost(Duration.ofSeconds(10)).until(() -> notified(first).size() == 2);
        CaseEvents.OpenCase c = openCase();
        String event = crisis(c);

        await().atMost(Duration.ofSeconds(10)).until(() -> notified(event).size() == 2);
        List<Map<String, Object>> rows = notified(event);
        assertThat(rows)
                .extracting(r -> r.get("recipient_id"))
                .containsExactlyInAnyOrder(DemoTokens.subject(CM), DemoTokens.subject(SUPERVISOR));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("urgency")).isEqualTo("crisis");
            // from the event's time to the committed inbox row
            assertThat(((Number) r.get("lag_ms")).doubleValue()).isLessThan(1000);
        });

        as(CM).get("/inbox")
                .then()
                .statusCode(200)
                .body(
                        "items.findAll { it.caseId == '" + c.caseId() + "' }.title",
                        hasItem("Alerta de crisis en uno de sus casos"));
        // the unread items about one case (the gateway's case overview asks for these)
        as(CM).queryParam("state", "unread")
                .queryParam("caseId", c.caseId())
                .get("/inbox")
                .then()
                .statusCode(200)
                .body("items.title", org.hamcrest.Matchers.equalTo(List.of("Alerta de crisis en uno de sus casos")))
                .body("items.caseId", org.hamcrest.Matchers.equalTo(List.of(c.caseId())));
        as(SUPERVISOR)
                .get("/inbox")
                .then()
                .statusCode(200)
                .body(
                        "items.findAll { it.caseId == '" + c.caseId() + "' }.title",
                        hasItem("Crisis alert on one of your cases"));

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        about(mailTo(CM_EMAIL, "Alerta de crisis"), c.caseId()).size() == 1
                                && about(mailTo(SUPERVISOR_EMAIL, "Crisis alert"), c.caseId())
                                                .size()
                                        == 1);
        MimeMessage mail =
                about(mailTo(CM_EMAIL, "Alerta de crisis"), c.caseId()).get(0);
        String body = mail.getContent().toString();
        assertThat(body).contains("https://cairn.test/cases/" + c.caseId()).doesNotContain("phq");
        assertThat(mail.getHeader("Message-ID")[0]).endsWith("@cairn>");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(event).stream()
                        .filter(d -> "email".equals(d.get("channel")))
                        .allMatch(d -> "sent".equals(d.get("status"))));
        String notification = (String) rows.get(0).get("id");
        assertThat(TopicReader.await(
                        Topics.NOTIFICATIONS,
                        e -> e.value().contains(notification) && e.value().contains("\"email\""),
                        1,
                        Duration.ofSeconds(20)))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.header("ce_type")).isEqualTo("cairn.notification.delivered.v1"));
    }

    @Test
    void anAuditAlert_reachesTheAgencysSupervisors_notTheUserItIsAbout_andLinksToTheirRecordsOfThatHour() {
        String user = DemoTokens.subject(CM);
        Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String event = UUID.randomUUID().toString();
        String alert = UUID.randomUUID().toString();
        EventPublisher.publish(
                event,
                HOSPITAL,
                HOSPITAL,
                new org.cairn.contracts.events.AuditAlertRaisedV1(
                        alert,
                        org.cairn.contracts.vocabulary.AuditAlertRule.MANY_CLIENTS,
                        HOSPITAL,
                        user,
                        hour,
                        31,
                        30,
                        Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !notified(event).isEmpty());
        assertThat(notified(event))
                .extracting(r -> r.get("recipient_id"))
                .contains(DemoTokens.subject(SUPERVISOR))
                .doesNotContain(user, DemoTokens.subject(STRANGER));
        String link = "/audit/users/" + user + "/records?from=" + hour + "&to=" + hour.plus(Duration.ofHours(1));
        as(SUPERVISOR)
                .get("/inbox")
                .then()
                .statusCode(200)
                .body(
                        "items.find { it.occasion == 'audit-alert' && it.link.endsWith('" + link + "') }.urgency",
                        equalTo("urgent"));
        // urgent: by email as well
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deliveries(event).stream()
                        .anyMatch(d -> "email".equals(d.get("channel")) && "sent".equals(d.get("status"))));
    }

    @Test
    void aCrisis_isPushedToTheCaseManagersDevice_onceWithTheDeliveryAsIdempotencyKey_andNoClientData() {
        String device = "device-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("language", "en");
        body.put("email", CM_EMAIL);
        body.put("pushToken", device);
        body.put("digest", false);
        as(CM).body(body).put("/me/preferences").then().statusCode(200);
        CaseEvents.OpenCase c = openCase();

        String crisis = crisis(c);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(crisis).stream()
                        .anyMatch(d -> "push".equals(d.get("channel"))
                                && d.get("recipient_id").equals(DemoTokens.subject(CM))
                                && "sent".equals(d.get("status"))));
        Map<String, Object> push = deliveries(crisis).stream()
                .filter(d ->
                        "push".equals(d.get("channel")) && d.get("recipient_id").equals(DemoTokens.subject(CM)))
                .findFirst()
                .orElseThrow();
        assertThat(push.get("provider_id")).isEqualTo("projects/x/messages/1");
        List<LoggedRequest> sent = Providers.http.findAll(
                postRequestedFor(urlPathMatching("/push/messages:send")).withRequestBody(containing(device)));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Idempotency-Key")).isEqualTo(push.get("id"));
        assertThat(sent.get(0).getHeader("Authorization")).startsWith("Bearer ");
        com.fasterxml.jackson.databind.JsonNode message;
        try {
            message = org.cairn.contracts.events.EventJson.mapper()
                    .readTree(sent.get(0).getBodyAsString())
                    .path("message");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(message.path("token").asText()).isEqualTo(device);
        assertThat(message.path("notification").path("title").asText()).isNotBlank();
        // a lock screen shows it: nothing of the client or the assessment, only a link to sign in
        assertThat(message.toString()).doesNotContain(c.clientId(), "phq", "PHQ");
        assertThat(message.path("notification").path("body").asText()).contains("https://cairn.test/cases/");
        // the supervisor set no device: no push for them
        assertThat(deliveries(crisis))
                .noneMatch(d -> "push".equals(d.get("channel"))
                        && d.get("recipient_id").equals(DemoTokens.subject(SUPERVISOR))
                        && "sent".equals(d.get("status")));
    }

    @Test
    void quietHours_holdRoutineNews_butNotACrisis() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        LocalTime now = LocalTime.now(chicago);
        Map<String, String> aroundNow = Map.of(
                "start", now.minusHours(1).withSecond(0).withNano(0).toString().substring(0, 5),
                "end", now.plusHours(2).withSecond(0).withNano(0).toString().substring(0, 5));
        settings(SUPERVISOR, "en", aroundNow, null);
        CaseEvents.OpenCase c = openCase();

        String routine = UUID.randomUUID().toString();
        EventPublisher.publish(
                routine,
                c.clientId(),
                HOSPITAL,
                new CarePlanSubmittedV1(
                        UUID.randomUUID().toString(), c.caseId(), c.clientId(), HOSPITAL, 1, "someone", Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(routine).size() == 2);
        Map<String, Object> email = deliveries(routine).stream()
                .filter(d -> "email".equals(d.get("channel")))
                .findFirst()
                .orElseThrow();
        assertThat(email.get("status")).isEqualTo("queued");
        assertThat(((java.sql.Timestamp) email.get("due_at")).toInstant())
                .isAfter(Instant.now().plus(Duration.ofMinutes(90)));
        // in-app is silent: it is there at once
        as(SUPERVISOR).get("/inbox").then().body("items.caseId", hasItem(c.caseId()));

        String crisis = crisis(c);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(crisis).stream()
                        .anyMatch(d -> "email".equals(d.get("channel"))
                                && d.get("recipient_id").equals(DemoTokens.subject(SUPERVISOR))
                                && "sent".equals(d.get("status"))));
    }

    @Test
    void anSms_refusedOnce_isSentOnTheRetry_andTheSignedCallbackSettlesIt() {
        CaseEvents.OpenCase c = openCase();
        as(CM).body(Map.of(
                        "language",
                        "es",
                        "phone",
                        "+15550102020",
                        "reminderChannels",
                        List.of("sms"),
                        "safeToContact",
                        true))
                .put("/clients/" + c.clientId() + "/contact-preferences")
                .then()
                .statusCode(200);
        String sid = "SM" + UUID.randomUUID();
        Providers.http.stubFor(post(urlPathMatching("/sms/.*"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        Providers.http.stubFor(post(urlPathMatching("/sms/.*"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"" + sid + "\"}")));

        String event = reminder(c, ReminderRecipient.CLIENT, List.of());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> deliveries(event).stream().anyMatch(d -> "sent".equals(d.get("status"))));
        Map<String, Object> sms = deliveries(event).get(0);
        assertThat(sms.get("channel")).isEqualTo("sms");
        assertThat(sms.get("attempts")).isEqualTo(2);
        assertThat(sms.get("provider_id")).isEqualTo(sid);
        List<LoggedRequest> sent = Providers.http.findAll(postRequestedFor(urlPathMatching("/sms/.*")));
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly((String) sms.get("id"));
        String text = sent.get(1).getBodyAsString();
        assertThat(java.net.URLDecoder.decode(text, StandardCharsets.UTF_8))
                .contains("To=+15550102020")
                .contains("Recordatorio")
                .doesNotContain("Riverbend")
                .doesNotContain("hospital");

        String callback = "MessageSid=" + sid + "&MessageStatus=delivered";
        given().contentType(ContentType.URLENC)
                .header(ProviderResource.SIGNATURE, "sha256=" + HexFormat.of().formatHex(new byte[32]))
                .body(callback)
                .post("/providers/sms/status")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        assertThat(deliveries(event).get(0).get("status")).isEqualTo("sent");
        given().contentType(ContentType.URLENC)
                .header(
                        ProviderResource.SIGNATURE,
                        "sha256="
                                + HexFormat.of()
                                        .formatHex(ProviderResource.hmac("test-only-callback-secret", callback)))
                .body(callback)
                .post("/providers/sms/status")
                .then()
                .statusCode(204);
        assertThat(deliveries(event).get(0).get("status")).isEqualTo("delivered");
        assertThat(TopicReader.ofClient(
                        Topics.NOTIFICATIONS,
                        c.clientId(),
                        "cairn.notification.delivered.v1",
                        1,
                        Duration.ofSeconds(20)))
                .anySatisfy(e -> assertThat(e.value()).contains(sid).doesNotContain("15550102020"));
    }

    static String reminder(CaseEvents.OpenCase c, ReminderRecipient who, List<String> staff) {
        String id = UUID.randomUUID().toString();
        EventPublisher.publish(
                id,
                c.clientId(),
                HOSPITAL,
                new AppointmentReminderTimeReachedV1(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        c.clientId(),
                        c.caseId(),
                        HOSPITAL,
                        who,
                        staff,
                        AppointmentKind.FOLLOW_UP,
                        AppointmentMode.IN_PERSON,
                        Instant.now().plus(Duration.ofHours(24)),
                        "America/Chicago",
                        Instant.now()));
        return id;
    }

    @Test
    void aClientItIsNotSafeToMessage_getsNoSms_andTheGapIsRecorded() {
        CaseEvents.OpenCase c = openCase();
        as(CM).body(Map.of("phone", "+15550103030", "reminderChannels", List.of("sms"), "safeToContact", false))
                .put("/clients/" + c.clientId() + "/contact-preferences")
                .then()
                .statusCode(200);
        String event = reminder(c, ReminderRecipient.CLIENT, List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(event).size() == 1);
        assertThat(deliveries(event).get(0))
                .containsEntry("status", "undeliverable")
                .containsEntry("reason", "not-safe-to-contact");
        assertThat(Providers.http.findAll(
                        postRequestedFor(urlPathMatching("/sms/.*")).withRequestBody(containing("15550103030"))))
                .isEmpty();
        assertThat(TopicReader.ofClient(
                        Topics.NOTIFICATIONS, c.clientId(), "cairn.notification.failed.v1", 1, Duration.ofSeconds(20)))
                .anySatisfy(e -> assertThat(e.value()).contains("not-safe-to-contact"));
    }

    @Test
    void anUrgentMessage_whoseSmsIsRefused_fallsBackToEmail() {
        settings(SUPERVISOR, "en", null, "+15550104040");
        as(DemoUsers.of("hospital", "program-director"))
                .body(Map.of("channels", List.of("sms"), "urgency", "urgent"))
                .put("/rules/referral-escalated/supervisors")
                .then()
                .statusCode(200);
        try {
            Providers.http.stubFor(post(urlPathMatching("/sms/.*"))
                    .withRequestBody(containing("15550104040"))
                    .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"invalid number\"}")));
            // the rules are reloaded each second in tests; this instance reloaded at once
            CaseEvents.OpenCase c = openCase();
            String event = escalated(c);
            // (the receiving agency's supervisors are told too, by their own rule: wait for the hospital's)
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> deliveries(event).stream()
                            .anyMatch(d -> "email".equals(d.get("channel"))
                                    && "sent".equals(d.get("status"))
                                    && d.get("recipient_id").equals(DemoTokens.subject(SUPERVISOR))));
            assertThat(deliveries(event))
                    .filteredOn(d -> d.get("recipient_id").equals(DemoTokens.subject(SUPERVISOR)))
                    .extracting(d -> d.get("channel") + ":" + d.get("status"))
                    .containsExactlyInAnyOrder("sms:failed", "email:sent");
            assertThat(mailTo(SUPERVISOR_EMAIL, "past its deadline")).isNotEmpty();
        } finally {
            as(DemoUsers.of("hospital", "program-director"))
                    .delete("/rules/referral-escalated/supervisors")
                    .then()
                    .statusCode(204);
        }
    }

    /** Makes demo users known here by role (agency, roles, email from the token), as opening the inbox does. */
    static void signedIn(String... users) {
        for (String user : users) {
            as(user).get("/inbox").then().statusCode(200);
        }
    }

    /** The occasions of the items about a case in a user's own inbox, read with their token. */
    static List<String> inboxOccasions(String user, String caseId) {
        return as(user).queryParam("caseId", caseId)
                .queryParam("size", 100)
                .get("/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.occasion", String.class);
    }

    /** The users an event notified (all of an event's notifications are written in one statement). */
    static List<Object> recipientsOf(String eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !notified(eventId).isEmpty());
        return notified(eventId).stream().map(r -> r.get("recipient_id")).toList();
    }

    /** Publishes the escalation of an urgent referral from the hospital's case to housing; the event's id. */
    static String escalated(CaseEvents.OpenCase c) {
        String id = UUID.randomUUID().toString();
        EventPublisher.publish(
                id,
                c.clientId(),
                HOSPITAL,
                new ReferralEscalatedV1(
                        UUID.randomUUID().toString(),
                        c.clientId(),
                        c.caseId(),
                        HOSPITAL,
                        DemoTokens.subject(CM),
                        DemoUsers.HOUSING_AGENCY,
                        null,
                        Urgency.URGENT,
                        ReferralTaskStatus.REQUESTED,
                        Instant.now().minus(Duration.ofHours(1)),
                        Instant.now()));
        return id;
    }

    /** Publishes a move of a referral from the hospital's case to the housing agency; the event's id. */
    static String referralMoved(
            CaseEvents.OpenCase c, ReferralTaskStatus from, ReferralTaskStatus to, ReferralOutcome outcome) {
        String id = UUID.randomUUID().toString();
        EventPublisher.publish(
                id,
                c.clientId(),
                HOSPITAL,
                new ReferralStatusChangedV1(
                        UUID.randomUUID().toString(),
                        c.clientId(),
                        c.caseId(),
                        HOSPITAL,
                        DemoUsers.HOUSING_AGENCY,
                        from,
                        to,
                        outcome,
                        Instant.now()));
        return id;
    }

    @Test
    void aReferralReceived_reachesTheReceivingAgencysIntakeWorkers_notTheSendingAgencysStaff() {
        String housingIntake = DemoUsers.of("housing", "intake-worker");
        signedIn(housingIntake, DemoUsers.HOSPITAL_INTAKE_WORKER, DemoUsers.HOUSING_CASE_MANAGER);
        CaseEvents.OpenCase c = openCase();

        String event = referralMoved(c, null, ReferralTaskStatus.REQUESTED, null);

        assertThat(recipientsOf(event)).containsExactly(DemoTokens.subject(housingIntake));
        assertThat(inboxOccasions(housingIntake, c.caseId())).containsExactly("referral-received");
        // the sending agency's intake worker and case manager, and the receiving agency's case manager
        assertThat(inboxOccasions(DemoUsers.HOSPITAL_INTAKE_WORKER, c.caseId())).isEmpty();
        assertThat(inboxOccasions(CM, c.caseId())).isEmpty();
        assertThat(inboxOccasions(DemoUsers.HOUSING_CASE_MANAGER, c.caseId())).isEmpty();
    }

    @Test
    void aReferralRejected_reachesTheReferringCaseManager_notTheReceivingAgency() {
        String housingIntake = DemoUsers.of("housing", "intake-worker");
        signedIn(housingIntake, DemoUsers.HOUSING_CASE_MANAGER);
        CaseEvents.OpenCase c = openCase();

        String event =
                referralMoved(c, ReferralTaskStatus.RECEIVED, ReferralTaskStatus.REJECTED, ReferralOutcome.AT_CAPACITY);

        assertThat(recipientsOf(event)).containsExactly(DemoTokens.subject(CM));
        assertThat(inboxOccasions(CM, c.caseId())).containsExactly("referral-rejected");
        assertThat(inboxOccasions(housingIntake, c.caseId())).isEmpty();
        assertThat(inboxOccasions(DemoUsers.HOUSING_CASE_MANAGER, c.caseId())).isEmpty();
        assertThat(inboxOccasions(SUPERVISOR, c.caseId())).isEmpty();
    }

    @Test
    void aCarePlanReturned_reachesTheCasesManager_notTheSupervisorWhoReturnedIt() {
        CaseEvents.OpenCase c = openCase();
        String event = UUID.randomUUID().toString();
        EventPublisher.publish(
                event,
                c.clientId(),
                HOSPITAL,
                new CarePlanReturnedV1(
                        UUID.randomUUID().toString(),
                        c.caseId(),
                        c.clientId(),
                        HOSPITAL,
                        2,
                        DemoTokens.subject(SUPERVISOR),
                        Instant.now()));

        assertThat(recipientsOf(event)).containsExactly(DemoTokens.subject(CM));
        assertThat(inboxOccasions(CM, c.caseId())).containsExactly("care-plan-returned");
        assertThat(inboxOccasions(SUPERVISOR, c.caseId())).isEmpty();
        assertThat(inboxOccasions(STRANGER, c.caseId())).isEmpty();
    }

    @Test
    void aCaseTransferred_reachesThePreviousAndTheNewCaseManager_notTheirSupervisor() {
        // the demo realm has one case manager per agency; the hospital's other one is the member of two
        // agencies, whose token no service takes: their item is checked in the database
        String next = DemoUsers.DUAL_MEMBER;
        signedIn(DemoUsers.HOSPITAL_INTAKE_WORKER);
        CaseEvents.OpenCase c = openCase();
        String event = UUID.randomUUID().toString();
        EventPublisher.publish(
                event,
                c.clientId(),
                HOSPITAL,
                new CaseTransferredV1(
                        c.caseId(),
                        c.clientId(),
                        HOSPITAL,
                        DemoTokens.subject(CM),
                        DemoTokens.subject(next),
                        UUID.randomUUID().toString(),
                        Instant.now()));

        assertThat(recipientsOf(event)).containsExactlyInAnyOrder(DemoTokens.subject(CM), DemoTokens.subject(next));
        assertThat(inboxOccasions(CM, c.caseId())).containsExactly("case-transferred");
        assertThat(Sql.query(
                        "select occasion, case_id::text as case_id from notification"
                                + " where event_id = ? and recipient_id = ? and in_app",
                        event,
                        DemoTokens.subject(next)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("occasion")).isEqualTo("case-transferred");
                    assertThat(r.get("case_id")).isEqualTo(c.caseId());
                });
        assertThat(inboxOccasions(SUPERVISOR, c.caseId())).isEmpty();
        assertThat(inboxOccasions(DemoUsers.HOSPITAL_INTAKE_WORKER, c.caseId())).isEmpty();
    }

    @Test
    void aReferralEscalated_reachesTheSupervisorsOfBothAgencies_andTheReferringCaseManager() {
        String housingSupervisor = DemoUsers.of("housing", "supervisor");
        String familySupervisor = DemoUsers.of("family", "supervisor");
        String housingIntake = DemoUsers.of("housing", "intake-worker");
        signedIn(housingSupervisor, familySupervisor, housingIntake);
        CaseEvents.OpenCase c = openCase();
        String event = escalated(c);

        List<Object> told = recipientsOf(event);
        assertThat(told)
                .as("the sending and the receiving agency's supervisors")
                .contains(DemoTokens.subject(SUPERVISOR), DemoTokens.subject(housingSupervisor));
        assertThat(told).as("the referring case manager").contains(DemoTokens.subject(CM));
        assertThat(told)
                .containsExactlyInAnyOrder(
                        DemoTokens.subject(SUPERVISOR), DemoTokens.subject(housingSupervisor), DemoTokens.subject(CM));
        for (String user : List.of(SUPERVISOR, housingSupervisor, CM)) {
            assertThat(inboxOccasions(user, c.caseId())).as(user).containsExactly("referral-escalated");
        }
        // a third agency's supervisor, and the receiving agency's intake worker
        assertThat(inboxOccasions(familySupervisor, c.caseId())).isEmpty();
        assertThat(inboxOccasions(housingIntake, c.caseId())).isEmpty();
    }

    @Test
    void theSameEventDeliveredTwice_notifiesEachPersonOnce() {
        CaseEvents.OpenCase c = openCase();
        String event = UUID.randomUUID().toString();
        AssessmentCrisisIdentifiedV1 data = crisisEvent(c);
        EventPublisher.publish(event, c.clientId(), HOSPITAL, data);
        EventPublisher.publish(event, c.clientId(), HOSPITAL, data);
        // a later event of the same client marks that both copies were consumed
        String later = crisis(c);
        await().atMost(Duration.ofSeconds(10)).until(() -> notified(later).size() == 2);
        assertThat(notified(event)).hasSize(2);
        assertThat(Sql.number(
                        "select count(*) from delivery d join notification n on n.id = d.notification_id"
                                + " where n.event_id = ? and d.channel = 'in-app'",
                        event))
                .isEqualTo(2);
    }

    @Test
    void aPoisonRecord_goesToTheDeadLetterTopic_whileThePartitionGoesOn() {
        CaseEvents.OpenCase c = openCase();
        String bad = UUID.randomUUID().toString();
        EventPublisher.publishRaw(
                Topics.ASSESSMENTS,
                bad,
                "cairn.assessment.crisis-identified.v1",
                c.clientId(),
                HOSPITAL,
                "{\"assessmentId\": 12, \"severity\": \"apocalyptic\"");
        String good = crisis(c);
        await().atMost(Duration.ofSeconds(10)).until(() -> notified(good).size() == 2);
        assertThat(TopicReader.await(
                        "cairn.notifications.suite-in.dlq",
                        e -> bad.equals(e.header("ce_id")),
                        1,
                        Duration.ofSeconds(30)))
                // (a notifications service running beside the tests on the same broker refuses it too)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.header("dead-letter-topic")).isEqualTo(Topics.ASSESSMENTS));
        assertThat(notified(bad)).isEmpty();
    }

    @Test
    void theLiveStream_getsANewItemOfTheCaller() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + DemoTokens.accessToken(SUPERVISOR))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        CaseEvents.OpenCase c = openCase();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = reader.readLine()) != null) {
                    if (l.startsWith("data:") && l.contains(c.caseId())) {
                        return l;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        crisis(c);
        String data = line.get(15, TimeUnit.SECONDS);
        assertThat(data).contains("Crisis alert on one of your cases").contains("\"state\":\"unread\"");
        response.body().close();
    }

    @Test
    void anotherAgency_seesNoneOfIt() {
        CaseEvents.OpenCase c = openCase();
        String event = crisis(c);
        await().atMost(Duration.ofSeconds(10)).until(() -> notified(event).size() == 2);
        String item = notified(event).stream()
                .filter(r -> r.get("recipient_id").equals(DemoTokens.subject(CM)))
                .map(r -> (String) r.get("id"))
                .findFirst()
                .orElseThrow();
        as(CM).get("/inbox/" + item).then().statusCode(200);
        as(STRANGER).get("/inbox/" + item).then().statusCode(404).contentType("application/problem+json");
        as(STRANGER).post("/inbox/" + item + "/read").then().statusCode(404);
        as(STRANGER).post("/inbox/" + item + "/archive").then().statusCode(404);
        // not even a colleague reads someone else's inbox
        as(SUPERVISOR).get("/inbox/" + item).then().statusCode(404);

        as(CM).body(Map.of("safeToContact", true))
                .put("/clients/" + c.clientId() + "/contact-preferences")
                .then()
                .statusCode(200);
        as(STRANGER)
                .get("/clients/" + c.clientId() + "/contact-preferences")
                .then()
                .statusCode(404);
        as(STRANGER)
                .body(Map.of("safeToContact", true))
                .put("/clients/" + c.clientId() + "/contact-preferences")
                .then()
                .statusCode(404);
        as(DemoUsers.of("cmhc", "supervisor"))
                .get("/deliveries?size=100")
                .then()
                .statusCode(200)
                .body("items.notificationId", not(hasItem(item)));
        as(SUPERVISOR)
                .get("/deliveries?size=100")
                .then()
                .statusCode(200)
                .body("items.notificationId", hasItem(item))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("address")))
                .body("items[0]", not(org.hamcrest.Matchers.hasKey("body")));
        as(DemoUsers.of("cmhc", "supervisor"))
                .body(Map.of("onCall", true))
                .put("/staff/" + DemoTokens.subject(SUPERVISOR) + "/on-call")
                .then()
                .statusCode(404);
    }

    @Test
    void theInbox_readsAndArchives() {
        CaseEvents.OpenCase c = openCase();
        String event = crisis(c);
        await().atMost(Duration.ofSeconds(10)).until(() -> notified(event).size() == 2);
        String item = notified(event).stream()
                .filter(r -> r.get("recipient_id").equals(DemoTokens.subject(SUPERVISOR)))
                .map(r -> (String) r.get("id"))
                .findFirst()
                .orElseThrow();
        as(SUPERVISOR)
                .post("/inbox/" + item + "/read")
                .then()
                .statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("read"));
        // the count is what is unread (other items may arrive meanwhile: compared until they agree)
        String supervisor = DemoTokens.subject(SUPERVISOR);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> as(SUPERVISOR)
                                .get("/inbox/unread-count")
                                .then()
                                .extract()
                                .jsonPath()
                                .getLong("unread")
                        == Sql.number(
                                "select count(*) from notification where recipient_id = ? and in_app"
                                        + " and state = 'unread'",
                                supervisor));
        assertThat(Sql.query("select state from notification where id = cast(? as uuid)", item))
                .singleElement()
                .satisfies(r -> assertThat(r.get("state")).isEqualTo("read"));
        as(SUPERVISOR).post("/inbox/" + item + "/archive").then().statusCode(200);
        as(SUPERVISOR).get("/inbox?size=100").then().body("items.id", not(hasItem(item)));
        as(SUPERVISOR).get("/inbox?state=archived&size=100").then().body("items.id", hasItem(item));
    }

    @Test
    void onCallSupervisors_getTheCrisis_theOthersDoNot() {
        as(DemoUsers.of("hospital", "program-director")).get("/inbox").then().statusCode(200);
        Sql.update("update staff_member set roles = array_append(roles, 'supervisor')"
                + " where username = 'hospital.program-director' and not ('supervisor' = any(roles))");
        try {
            String director = DemoTokens.subject(DemoUsers.of("hospital", "program-director"));
            as(SUPERVISOR)
                    .body(Map.of("onCall", true))
                    .put("/staff/" + director + "/on-call")
                    .then()
                    .statusCode(200);
            CaseEvents.OpenCase c = openCase();
            String event = crisis(c);
            await().atMost(Duration.ofSeconds(10)).until(() -> notified(event).size() == 2);
            assertThat(notified(event))
                    .extracting(r -> r.get("recipient_id"))
                    .containsExactlyInAnyOrder(DemoTokens.subject(CM), director);
        } finally {
            Sql.update("update staff_member set roles = array_remove(roles, 'supervisor'), on_call = false"
                    + " where username = 'hospital.program-director'");
        }
    }

    @Test
    void routineEmail_ofSomeoneWhoWantsADigest_goesAsOneDailyEmail() throws Exception {
        as(SUPERVISOR)
                .body(Map.of("language", "en", "email", SUPERVISOR_EMAIL, "digest", true))
                .put("/me/preferences")
                .then()
                .statusCode(200);
        CaseEvents.OpenCase c = openCase();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (String id : List.of(first, second)) {
            EventPublisher.publish(
                    id,
                    c.clientId(),
                    HOSPITAL,
                    new CarePlanSubmittedV1(
                            UUID.randomUUID().toString(), c.caseId(), c.clientId(), HOSPITAL, 1, "x", Instant.now()));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(first).size() == 2 && deliveries(second).size() == 2);
        assertThat(Sql.number(
                        "select count(*) from delivery d join notification n on n.id = d.notification_id"
                                + " where n.event_id in (?, ?) and d.channel = 'email' and d.digest and d.status = 'queued'"
                                + " and d.due_at > now()",
                        first,
                        second))
                .isEqualTo(2);
        int before = mailTo(SUPERVISOR_EMAIL, "daily digest").size();
        // the digest's hour comes
        Sql.update(
                "update delivery set due_at = now() where digest and status = 'queued' and notification_id in"
                        + " (select id from notification where event_id in (?, ?))",
                first,
                second);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mailTo(SUPERVISOR_EMAIL, "daily digest").size() > before);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Stream.of(first, second)
                        .flatMap(e -> deliveries(e).stream())
                        .filter(d -> "email".equals(d.get("channel")))
                        .allMatch(d -> "sent".equals(d.get("status"))));
        assertThat(mailTo(SUPERVISOR_EMAIL, "daily digest")).hasSize(before + 1);
        String digest = mailTo(SUPERVISOR_EMAIL, "daily digest")
                .get(before)
                .getContent()
                .toString();
        assertThat(digest.lines().filter(l -> l.startsWith("- A care plan is waiting")))
                .hasSize(2);
    }

    @Test
    void badInput_getsAProblem_andWritesNothing() {
        CaseEvents.OpenCase c = openCase();
        String path = "/clients/" + c.clientId() + "/contact-preferences";
        as(CM).body(Map.of("reminderChannels", List.of("sms"), "safeToContact", true))
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("reminderChannels"));
        as(CM).body(Map.of("phone", "555-0101", "safeToContact", true))
                .put(path)
                .then()
                .statusCode(400);
        as(CM).body(Map.of("timeZone", "Mars/Olympus", "safeToContact", true))
                .put(path)
                .then()
                .statusCode(400);
        as(CM).body(Map.of("reminderChannels", List.of("pigeon"), "safeToContact", true))
                .put(path)
                .then()
                .statusCode(400);
        assertThat(Sql.number("select count(*) from client_contact where client_id = cast(? as uuid)", c.clientId()))
                .isZero();
        as(CM).body(Map.of("quietHours", Map.of("start", "25:00", "end", "07:00")))
                .put("/me/preferences")
                .then()
                .statusCode(400);
        as(DemoUsers.of("hospital", "program-director"))
                .body(Map.of("channels", List.of("sms"), "urgency", "urgent"))
                .put("/rules/party/supervisors")
                .then()
                .statusCode(400);
        as(DemoUsers.of("hospital", "program-director"))
                .body(Map.of("channels", List.of(), "urgency", "urgent"))
                .put("/rules/crisis/supervisors")
                .then()
                .statusCode(400);
        as(CM).body(Map.of("channels", List.of("sms"), "urgency", "urgent"))
                .put("/rules/crisis/supervisors")
                .then()
                .statusCode(403);
        as(CM).get("/deliveries").then().statusCode(403);
        assertThat(Sql.number("select count(*) from notification_rule where agency_id <> '*'"))
                .isZero();
    }

    @Test
    void everyTemplate_rendersInEveryLanguage() {
        assertThat(templates.problems()).isEmpty();
    }
}
