package org.cairn.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.cairn.audit.service.AuditRetention;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.EventPublisher;
import org.cairn.testing.InfraEnv;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * The audit trail on the real broker and database: records of two services stored once each, the
 * chain verified and a tampered row found, the writer role unable to change a record, the questions
 * by client, user and agency answered to whom they may be, bad queries refused, and a malformed
 * record sent to the dead-letter topic while the partition goes on.
 */
@QuarkusTest
class AuditTrailTest {

    static final String AUDITOR = "hospital.auditor";
    static final String HOSPITAL = DemoUsers.HOSPITAL_AGENCY;
    static final String CMHC = DemoUsers.CMHC_AGENCY;
    static final String CMHC_SUPERVISOR = DemoUsers.of("cmhc", "supervisor");

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    static AuditRecordedV1 record(String service, String agency, String user, AuditAction action, String client) {
        return recordAt(Instant.now(), service, agency, user, action, client);
    }

    static AuditRecordedV1 recordAt(
            Instant at, String service, String agency, String user, AuditAction action, String client) {
        return new AuditRecordedV1(
                at,
                service,
                agency,
                new AuditRecordedV1.Actor(user, "someone", List.of(Role.CASE_MANAGER)),
                action,
                "client",
                UUID.randomUUID().toString(),
                client,
                ConsentPurpose.values()[0],
                null,
                UUID.randomUUID().toString(),
                null,
                "cairn-web");
    }

    static String published(AuditRecordedV1 r, int times) {
        String id = UUID.randomUUID().toString();
        for (int i = 0; i < times; i++) {
            EventPublisher.publish(id, r.clientId(), r.agencyId(), r);
        }
        return id;
    }

    /** A connection as the audit database's owner, who can do what the service's role cannot. */
    static Connection owner() throws Exception {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + InfraEnv.get("CAIRN_PG_HOST") + ":" + InfraEnv.get("CAIRN_PG_PORT")
                        + "/cairn_audit_test",
                "cairn_audit",
                // the development-only password of the database owner's role
                "cairn_audit");
    }

    static double metric(String name) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith(name))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    static void stored(String eventId) {
        CaseEvents.awaitRow("select count(*) from audit_record where event_id = ?", eventId);
    }

    @Test
    void recordsOfTwoServices_areStoredOnceEach_onAnIntactChain() {
        String client = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        String fromClients = published(record("clients", HOSPITAL, user, AuditAction.VIEWED, client), 2);
        String fromCareplans = published(record("careplans", HOSPITAL, user, AuditAction.UPDATED, client), 2);
        // a later record of the same client: once it is in, both duplicates have been seen
        String marker = published(record("clients", HOSPITAL, user, AuditAction.VIEWED, client), 1);
        stored(marker);

        for (String id : List.of(fromClients, fromCareplans)) {
            assertThat(Sql.number("select count(*) from audit_record where event_id = ?", id))
                    .isEqualTo(1);
        }
        as(AUDITOR)
                .get("/audit/users/" + user + "/records")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(3))
                .body("items.service", hasItem("careplans"))
                .body("items.service", hasItem("clients"));
        as(AUDITOR)
                .post("/audit/agencies/" + HOSPITAL + "/chain/verification")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
        assertThat(Sql.number(
                        "select count(*) from (select chain_seq - lag(chain_seq) over (order by chain_seq) as step"
                                + " from audit_record where chain = ?) s where step <> 1",
                        HOSPITAL))
                .isZero();
    }

    @Test
    void theWriterRole_cannotChangeOrRemoveARecord_andATamperedRowIsFound() throws Exception {
        String agency = DemoUsers.HOUSING_AGENCY;
        String first = published(
                record(
                        "clients",
                        agency,
                        "u1",
                        AuditAction.VIEWED,
                        UUID.randomUUID().toString()),
                1);
        String second = published(
                record(
                        "clients",
                        agency,
                        "u2",
                        AuditAction.VIEWED,
                        UUID.randomUUID().toString()),
                1);
        stored(first);
        stored(second);

        // the service's own role (the tests' datasource user) may insert and read, nothing more
        assertThatThrownBy(() -> Sql.update("update audit_record set client_id = 'x' where event_id = ?", first))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> Sql.update("delete from audit_record where event_id = ?", first))
                .hasStackTraceContaining("permission denied");

        // the database's owner can; verification finds the first record it changed
        long tamperedSeq = Sql.number("select chain_seq from audit_record where event_id = ?", first);
        try (Connection owner = owner()) {
            owner.createStatement()
                    .executeUpdate(
                            "update audit_record set client_id = 'someone-else' where event_id = '" + first + "'");
        }
        as(AUDITOR)
                .post("/audit/agencies/" + agency + "/chain/verification")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("firstMismatch.chainSeq", equalTo((int) tamperedSeq))
                .body("firstMismatch.eventId", equalTo(first));

        // removing the newest records leaves every remaining hash right: the chain's head tells
        String tailAgency = DemoUsers.FAMILY_AGENCY;
        String kept = published(
                record(
                        "clients",
                        tailAgency,
                        "u3",
                        AuditAction.VIEWED,
                        UUID.randomUUID().toString()),
                1);
        stored(kept);
        String removed = published(
                record(
                        "clients",
                        tailAgency,
                        "u3",
                        AuditAction.VIEWED,
                        UUID.randomUUID().toString()),
                1);
        stored(removed);
        as(AUDITOR)
                .post("/audit/agencies/" + tailAgency + "/chain/verification")
                .then()
                .body("intact", equalTo(true));
        try (Connection owner = owner()) {
            owner.createStatement().executeUpdate("delete from audit_record where event_id = '" + removed + "'");
        }
        as(AUDITOR)
                .post("/audit/agencies/" + tailAgency + "/chain/verification")
                .then()
                .body("intact", equalTo(false))
                .body("firstMismatch.problem", org.hamcrest.Matchers.startsWith("missing"));
        // and the writer cannot rewind or remove a head, nor touch the alerts
        assertThatThrownBy(() -> Sql.update("delete from audit_chain_head where chain = ?", tailAgency))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> Sql.update("delete from audit_alert")).hasStackTraceContaining("permission denied");
    }

    @Test
    void questionsByClientUserAndAgency_answerOnlyWhatTheCallerMaySee() {
        String client = UUID.randomUUID().toString();
        CaseEvents.open(client, HOSPITAL, DemoUsers.HOSPITAL_CASE_MANAGER, Program.MENTAL_HEALTH, LocalDate.now());
        String hospitalUser = UUID.randomUUID().toString();
        String cmhcUser = UUID.randomUUID().toString();
        published(record("clients", HOSPITAL, hospitalUser, AuditAction.VIEWED, client), 1);
        String byOther = published(record("assessments", CMHC, cmhcUser, AuditAction.VIEWED, client), 1);
        stored(byOther);

        String hospitalSupervisor = DemoUsers.HOSPITAL_SUPERVISOR;
        // the hospital serves the client: its supervisor sees every access to it, the CMHC's included
        as(hospitalSupervisor)
                .get("/audit/clients/" + client + "/records")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2));
        as(hospitalSupervisor)
                .get("/audit/agencies/" + HOSPITAL + "/records?about=clients")
                .then()
                .statusCode(200)
                // accesses by other agencies only (other tests' agencies may have some too), the CMHC's among them
                .body("items.agencyId", everyItem(not(equalTo(HOSPITAL))))
                .body("items.actorUserId", hasItem(cmhcUser));
        // what its own staff accessed (the default), the hospital user's read among it, none of the CMHC's
        as(hospitalSupervisor)
                .get("/audit/agencies/" + HOSPITAL + "/records?about=staff&size=100")
                .then()
                .statusCode(200)
                .body("items.agencyId", everyItem(equalTo(HOSPITAL)))
                .body("items.actorUserId", hasItem(hospitalUser))
                .body("items.actorUserId", not(hasItem(cmhcUser)));
        as(hospitalSupervisor)
                .get("/audit/users/" + hospitalUser + "/records")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
        // the CMHC does not serve this client and its supervisor sees nothing of the hospital
        as(CMHC_SUPERVISOR).get("/audit/clients/" + client + "/records").then().statusCode(404);
        as(CMHC_SUPERVISOR)
                .get("/audit/users/" + hospitalUser + "/records")
                .then()
                .statusCode(404);
        as(CMHC_SUPERVISOR)
                .get("/audit/agencies/" + HOSPITAL + "/records")
                .then()
                .statusCode(404);
        as(CMHC_SUPERVISOR)
                .post("/audit/agencies/" + HOSPITAL + "/chain/verification")
                .then()
                .statusCode(404);
        // its own staff's records it sees
        as(CMHC_SUPERVISOR)
                .get("/audit/users/" + cmhcUser + "/records")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1));
        // a case manager asks no questions of the audit trail
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .get("/audit/clients/" + client + "/records")
                .then()
                .statusCode(403);
        // the network's auditor sees all (the supervisors' questions above are about this client too,
        // and recorded as such)
        as(AUDITOR)
                .get("/audit/clients/" + client + "/records")
                .then()
                .statusCode(200)
                .body("items.findAll { it.service != 'audit' }.size()", equalTo(2));

        // asking is audited: the auditor's question comes back as a record of its own
        TopicReader.await(
                org.cairn.contracts.events.Topics.AUDIT,
                e -> client.equals(e.key())
                        && e.value().contains("\"searched\"")
                        && e.value().contains("\"audit\""),
                1,
                Duration.ofSeconds(15));
    }

    @Test
    void badQueries_areRefusedWithProblems() {
        String base = "/audit/agencies/" + HOSPITAL + "/records";
        as(AUDITOR)
                .get(base + "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        as(AUDITOR).get(base + "?clientid=x").then().statusCode(400).body("errors[0].field", equalTo("clientid"));
        as(AUDITOR).get(base + "?size=1000").then().statusCode(400).contentType("application/problem+json");
        as(AUDITOR).get(base + "?about=everyone").then().statusCode(400).body("errors[0].field", equalTo("about"));
        as(AUDITOR).get(base + "?from=yesterday").then().statusCode(400).body("errors[0].field", equalTo("from"));
        // every list takes the same range and filters, and refuses alike
        String client = "/audit/clients/" + UUID.randomUUID();
        as(AUDITOR)
                .get(client + "/records?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        as(AUDITOR)
                .get(client + "/disclosures?agency=x")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("agency"));
        as(AUDITOR).get(client + "/disclosures?size=0").then().statusCode(400).contentType("application/problem+json");
        as(AUDITOR)
                .get("/audit/requests/r-1/records?format=pdf")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void aMalformedRecord_goesToTheDeadLetterTopic_andThePartitionGoesOn() {
        String client = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        // no actor, an action outside the vocabulary
        EventPublisher.publishRaw(
                org.cairn.contracts.events.Topics.AUDIT,
                bad,
                "cairn.audit.recorded.v1",
                client,
                HOSPITAL,
                "{\"occurredAt\":\"2026-12-01T10:00:00Z\",\"service\":\"clients\",\"agencyId\":\"" + HOSPITAL
                        + "\",\"action\":\"peeked\",\"resourceType\":\"client\",\"clientId\":\"" + client + "\"}");
        String good = published(record("clients", HOSPITAL, "u", AuditAction.VIEWED, client), 1);
        stored(good);

        TopicReader.Event dead = TopicReader.await(
                        "cairn.audit.audit-in.dlq", e -> bad.equals(e.header("ce_id")), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(dead.headers().toString()).contains("audit record refused");
        assertThat(Sql.number("select count(*) from audit_record where event_id = ?", bad))
                .isZero();
        assertThat(metric("cairn_audit_rejected_total")).isGreaterThanOrEqualTo(1);
    }

    @Inject
    AuditRetention retention;

    @Test
    void theRetentionJob_removesOnlyAChainsExpiredPrefix_andWhatIsKeptStillVerifies() throws Exception {
        String agency = "agency-" + UUID.randomUUID();
        String client = UUID.randomUUID().toString(); // one client: one partition, so the chain keeps this order
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        assertThat(retention.retention()).isEqualTo(Period.ofYears(6));
        List<String> ids = new java.util.ArrayList<>();
        for (ZonedDateTime at : List.of(
                now.minusYears(8),
                now.minusYears(6).minusDays(1),
                now.minusYears(6).plusDays(1), // younger than six years: stays, and so does all after it
                now.minusYears(9))) {
            ids.add(published(recordAt(at.toInstant(), "clients", agency, "u9", AuditAction.VIEWED, client), 1));
        }
        ids.forEach(AuditTrailTest::stored);
        long hospitalBefore = Sql.number("select count(*) from audit_record where chain = ?", HOSPITAL);

        List<AuditRetention.Purged> purged = retention.purge(Instant.now());

        assertThat(purged)
                .filteredOn(p -> p.chain().equals(agency))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.records()).isEqualTo(2);
                    assertThat(p.throughSeq()).isEqualTo(2);
                });
        assertThat(Sql.number(
                        "select count(*) from audit_record where event_id = ? or event_id = ?", ids.get(0), ids.get(1)))
                .isZero();
        assertThat(Sql.number(
                        "select count(*) from audit_record where event_id = ? or event_id = ?", ids.get(2), ids.get(3)))
                .isEqualTo(2);
        assertThat(Sql.number("select count(*) from audit_record where chain = ?", HOSPITAL))
                .isEqualTo(hospitalBefore);
        as(AUDITOR)
                .post("/audit/agencies/" + agency + "/chain/verification")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("checked", equalTo(2));
        // a second run finds nothing more to remove; the writer cannot move an anchor
        assertThat(retention.purge(Instant.now())).noneMatch(p -> p.chain().equals(agency));
        assertThatThrownBy(() -> Sql.update("delete from audit_chain_anchor where chain = ?", agency))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> Sql.update("update audit_chain_anchor set through_seq = 0 where chain = ?", agency))
                .hasStackTraceContaining("permission denied");
    }

    @Test
    void whileTheDatabaseRefusesTheRecords_theyWait_andAreStoredOnceEachAfter() throws Exception {
        // a chain of its own: the other tests break theirs on purpose
        String agency = "agency-" + UUID.randomUUID();
        String user = UUID.randomUUID().toString();
        double retriesBefore = metric("cairn_audit_ingest_retries_total");
        List<String> ids = new java.util.ArrayList<>();
        try (Connection owner = owner()) {
            owner.createStatement().executeUpdate("revoke insert on audit_record from cairn_audit_writer");
            try {
                for (int i = 0; i < 20; i++) {
                    ids.add(published(
                            record(
                                    "clients",
                                    agency,
                                    user,
                                    AuditAction.VIEWED,
                                    UUID.randomUUID().toString()),
                            i % 5 == 0 ? 2 : 1));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (metric("cairn_audit_ingest_retries_total") <= retriesBefore && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(metric("cairn_audit_ingest_retries_total")).isGreaterThan(retriesBefore);
                assertThat(Sql.number("select count(*) from audit_record where actor_user_id = ?", user))
                        .isZero();
            } finally {
                owner.createStatement().executeUpdate("grant insert on audit_record to cairn_audit_writer");
            }
        }
        ids.forEach(AuditTrailTest::stored);
        for (String id : ids) {
            assertThat(Sql.number("select count(*) from audit_record where event_id = ?", id))
                    .isEqualTo(1);
        }
        assertThat(Sql.number("select count(*) from audit_record where actor_user_id = ?", user))
                .isEqualTo(20);
        as(AUDITOR)
                .post("/audit/agencies/" + agency + "/chain/verification")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aQuery_exportsAsCsv_andAsValidFhirAuditEvents() throws Exception {
        String client = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        AuditRecordedV1 withComma = new AuditRecordedV1(
                Instant.now(),
                "clients",
                HOSPITAL,
                new AuditRecordedV1.Actor(user, "Okafor, J.", List.of(Role.CASE_MANAGER, Role.SUPERVISOR)),
                AuditAction.VIEWED,
                "case-note",
                UUID.randomUUID().toString(),
                client,
                ConsentPurpose.values()[0],
                "asked by the client's \"guardian\"",
                UUID.randomUUID().toString(),
                List.of("consent-1"),
                "cairn-mobile");
        published(withComma, 1);
        stored(published(record("careplans", HOSPITAL, user, AuditAction.ACCESS_DENIED, client), 1));

        String csv = as(AUDITOR)
                .get("/audit/users/" + user + "/records?format=csv")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Cairn-Has-More", "false")
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        String[] header = lines[0].split(",");
        assertThat(header).hasSize(19).endsWith("clientApplication", "consentIds", "eventId", "chainSeq", "hash");
        assertThat(csv).contains("\"Okafor, J.\"").contains("\"asked by the client's \"\"guardian\"\"\"");
        assertThat(csv).contains(",cairn-mobile,consent-1,");

        String fhir = as(AUDITOR)
                .get("/audit/users/" + user + "/records?format=fhir")
                .then()
                .statusCode(200)
                .contentType("application/fhir+json")
                .extract()
                .asString();
        assertThat(org.cairn.testing.FhirR4.errors(fhir)).isEmpty();
        com.fasterxml.jackson.databind.JsonNode bundle =
                org.cairn.contracts.events.EventJson.mapper().readTree(fhir);
        assertThat(bundle.path("entry")).hasSize(2);
        assertThat(bundle.findValuesAsText("outcome")).containsExactlyInAnyOrder("0", "4");
        // the application the user acted through is an agent of its own, not the requestor
        assertThat(bundle.findValues("agent").toString())
                .contains("\"code\":\"110150\"")
                .contains("\"value\":\"cairn-mobile\"");

        as(AUDITOR)
                .get("/audit/users/" + user + "/records?format=xml")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void readingManyClients_orBeingRefusedOften_raisesOneAlertPerUserAndHour() {
        String user = UUID.randomUUID().toString();
        String last = null;
        for (int i = 0; i < 6; i++) {
            last = published(
                    record(
                            "clients",
                            HOSPITAL,
                            user,
                            AuditAction.VIEWED,
                            UUID.randomUUID().toString()),
                    1);
        }
        stored(last);
        List<TopicReader.Event> alerts = TopicReader.await(
                org.cairn.contracts.events.Topics.AUDIT_ALERTS,
                e -> user.equals(e.key()) && e.value().contains("many-clients"),
                1,
                Duration.ofSeconds(15));
        assertThat(org.cairn.contracts.events.EventSchemas.errors(
                        "cairn.audit.alert-raised.v1", alerts.get(0).value()))
                .isEmpty();
        org.cairn.contracts.events.AuditAlertRaisedV1 alert;
        try {
            alert = org.cairn.contracts.events.EventJson.mapper()
                    .readValue(alerts.get(0).value(), org.cairn.contracts.events.AuditAlertRaisedV1.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(alert.threshold()).isEqualTo(3);
        // the rule is checked at the newest record of each batch: past the threshold, and at most all six
        assertThat(alert.count()).isBetween(4, 6);
        assertThat(alert.agencyId()).isEqualTo(HOSPITAL);
        assertThat(TopicReader.await(
                        org.cairn.contracts.events.Topics.AUDIT_ALERTS,
                        e -> user.equals(e.key()) && e.value().contains("many-clients"),
                        2,
                        Duration.ofSeconds(3)))
                .hasSize(1);

        // refused accesses: every 404 a service gives an authenticated caller is audited as a denial
        String prober = DemoUsers.of("family", "supervisor");
        for (int i = 0; i < 5; i++) {
            as(prober)
                    .get("/audit/agencies/" + HOSPITAL + "-" + i + "/records")
                    .then()
                    .statusCode(404);
        }
        String subject = DemoTokens.subject(prober);
        // the prober's id is the same in every run: the alert of this hour may be an earlier run's
        Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        java.util.function.Predicate<TopicReader.Event> thisHours = e -> subject.equals(e.key())
                && e.value().contains("many-denials")
                && hour.equals(alertOf(e).windowStart());
        TopicReader.await(org.cairn.contracts.events.Topics.AUDIT_ALERTS, thisHours, 1, Duration.ofSeconds(20));
        String deniedOf = "select count(*) from audit_record where actor_user_id = ? and outcome = 'denied'";
        assertThat(Sql.number(deniedOf, subject)).isGreaterThanOrEqualTo(5);
        // probing on in the same hour raises no second alert
        long before = Sql.number(deniedOf, subject);
        for (int i = 5; i < 10; i++) {
            as(prober)
                    .get("/audit/agencies/" + HOSPITAL + "-" + i + "/records")
                    .then()
                    .statusCode(404);
        }
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Sql.number(deniedOf, subject) >= before + 5);
        // (should the hour have turned meanwhile, the new hour's alert is not this one)
        assertThat(TopicReader.await(
                        org.cairn.contracts.events.Topics.AUDIT_ALERTS, thisHours, 2, Duration.ofSeconds(3)))
                .hasSize(1);
    }

    static org.cairn.contracts.events.AuditAlertRaisedV1 alertOf(TopicReader.Event e) {
        try {
            return org.cairn.contracts.events.EventJson.mapper()
                    .readValue(e.value(), org.cairn.contracts.events.AuditAlertRaisedV1.class);
        } catch (java.io.IOException notOne) {
            throw new AssertionError(notOne);
        }
    }

    @Test
    void theAccountingOfDisclosures_afterAReferral_listsThePacketAndTheSharedNote_withTheirConsents() {
        String client = UUID.randomUUID().toString();
        CaseEvents.open(client, HOSPITAL, DemoUsers.HOSPITAL_CASE_MANAGER, Program.MENTAL_HEALTH, LocalDate.now());
        String referralConsent = UUID.randomUUID().toString();
        String noteConsent = UUID.randomUUID().toString();
        String referral = UUID.randomUUID().toString();
        published(record("clients", HOSPITAL, "own-staff", AuditAction.VIEWED, client), 1);
        // the referral's packet, as the referrals service records the receiving agency's read of it
        AuditRecordedV1 packet = new AuditRecordedV1(
                Instant.now(),
                "referrals",
                DemoUsers.HOUSING_AGENCY,
                new AuditRecordedV1.Actor("housing-staff", "housing.intake-worker", List.of(Role.INTAKE_WORKER)),
                AuditAction.VIEWED,
                "referral",
                referral,
                client,
                ConsentPurpose.REFERRAL,
                null,
                UUID.randomUUID().toString(),
                List.of(referralConsent),
                "cairn-web");
        // and a case note the hospital shared with the CMHC under another consent
        AuditRecordedV1 note = new AuditRecordedV1(
                Instant.now(),
                "clients",
                CMHC,
                new AuditRecordedV1.Actor("cmhc-staff", "someone", List.of(Role.CASE_MANAGER)),
                AuditAction.VIEWED,
                "case-note",
                null,
                client,
                null,
                null,
                UUID.randomUUID().toString(),
                List.of(noteConsent),
                null);
        stored(published(packet, 1));
        stored(published(note, 1));

        for (String asker : List.of(DemoUsers.HOSPITAL_SUPERVISOR, DemoUsers.of("hospital", "program-director"))) {
            as(asker)
                    .get("/audit/clients/" + client + "/disclosures")
                    .then()
                    .statusCode(200)
                    // the hospital's own read is no disclosure
                    .body("items.size()", equalTo(2))
                    .body("items.find { it.service == 'referrals' }.agencyId", equalTo(DemoUsers.HOUSING_AGENCY))
                    .body("items.find { it.service == 'referrals' }.resourceType", equalTo("referral"))
                    .body("items.find { it.service == 'referrals' }.resourceId", equalTo(referral))
                    .body(
                            "items.find { it.service == 'referrals' }.consentIds",
                            org.hamcrest.Matchers.contains(referralConsent))
                    .body(
                            "items.find { it.service == 'clients' }.consentIds",
                            org.hamcrest.Matchers.contains(noteConsent));
        }
        // an agency that does not serve the client is told nothing, not even that it exists
        as(CMHC_SUPERVISOR)
                .get("/audit/clients/" + client + "/disclosures")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        // the consents are part of what the chains protect
        for (String chain : List.of(CMHC, DemoUsers.HOUSING_AGENCY)) {
            as(AUDITOR)
                    .post("/audit/agencies/" + chain + "/chain/verification")
                    .then()
                    .body("intact", equalTo(true));
        }
    }

    @Test
    void oneRequestsRecords_acrossServices_areFoundByItsId_asFarAsTheCallerMaySee() {
        String client = UUID.randomUUID().toString();
        CaseEvents.open(client, HOSPITAL, DemoUsers.HOSPITAL_CASE_MANAGER, Program.MEDICAL, LocalDate.now());
        String request = "req-" + UUID.randomUUID();
        String user = UUID.randomUUID().toString();
        // a case overview: three services read the client's data under one request id
        for (String service : List.of("clients", "assessments", "careplans")) {
            AuditRecordedV1 r = record(service, HOSPITAL, user, AuditAction.VIEWED, client);
            stored(published(withRequest(r, request), 1));
        }
        // the same id, by chance, at the CMHC about a client the hospital does not serve
        stored(published(
                withRequest(
                        record(
                                "clients",
                                CMHC,
                                "cmhc-" + user,
                                AuditAction.VIEWED,
                                UUID.randomUUID().toString()),
                        request),
                1));

        as(AUDITOR)
                .get("/audit/requests/" + request + "/records")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(4))
                .body("items.requestId", everyItem(equalTo(request)));
        as(DemoUsers.HOSPITAL_SUPERVISOR)
                .get("/audit/requests/" + request + "/records")
                .then()
                .statusCode(200)
                .body("items.service", org.hamcrest.Matchers.containsInAnyOrder("clients", "assessments", "careplans"))
                .body("items.clientApplication", everyItem(equalTo("cairn-web")));
        as(DemoUsers.HOSPITAL_SUPERVISOR)
                .get("/audit/requests/" + request + "/records?service=clients")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("service"));
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .get("/audit/requests/" + request + "/records")
                .then()
                .statusCode(403);
    }

    static AuditRecordedV1 withRequest(AuditRecordedV1 r, String requestId) {
        return new AuditRecordedV1(
                r.occurredAt(),
                r.service(),
                r.agencyId(),
                r.actor(),
                r.action(),
                r.resourceType(),
                r.resourceId(),
                r.clientId(),
                r.purpose(),
                r.reason(),
                requestId,
                r.consentIds(),
                r.clientApplication());
    }
}
