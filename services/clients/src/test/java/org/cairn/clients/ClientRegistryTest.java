package org.cairn.clients;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cairn.clients.Api.as;
import static org.cairn.clients.Api.identifier;
import static org.cairn.clients.Api.person;
import static org.cairn.clients.Api.phone;
import static org.cairn.clients.Api.register;
import static org.cairn.clients.Api.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.events.ClientRegisteredV1;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.problem.Problem;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.Test;

/** Registering clients, finding them again, and keeping them from other agencies. */
@QuarkusTest
class ClientRegistryTest {

    private static final String HOSPITAL = DemoUsers.HOSPITAL_CASE_MANAGER;
    private static final String INTAKE = DemoUsers.HOSPITAL_INTAKE_WORKER;
    private static final List<String> OTHER_AGENCIES =
            List.of(DemoUsers.CMHC_CASE_MANAGER, DemoUsers.FAMILY_CASE_MANAGER, DemoUsers.HOUSING_CASE_MANAGER);

    private static String registered(String user, Map<String, Object> body) {
        return register(user, body).then().statusCode(201).extract().path("id");
    }

    @Test
    void register_everyField_roundTrips() {
        Map<String, Object> body = Map.ofEntries(
                Map.entry("name", Map.of("given", "Amara", "family", "Okonkwo-Lindqvist", "preferred", "Ami")),
                Map.entry("birthDate", "1991-07-23"),
                Map.entry("genderIdentity", "woman"),
                Map.entry("sexAtBirth", "female"),
                Map.entry("preferredLanguage", "es-MX"),
                Map.entry("interpreterNeeded", true),
                Map.entry(
                        "contactPoints",
                        List.of(phone("+1 (555) 201-7788"), Map.of("system", "email", "value", "ami@example.org"))),
                Map.entry(
                        "address",
                        Map.of("line", "12 Mill Lane", "city", "Riverbend", "region", "NY", "postalCode", "12345")),
                Map.entry("preferredContactMethod", "sms"),
                Map.entry("safeToLeaveMessages", false),
                Map.entry("identifiers", List.of(identifier("medicaid-id", "state-ny", "AB1234567"))));

        Response created = register(INTAKE, body);

        created.then().statusCode(201).header("Location", containsString("/clients/" + created.path("id")));
        String id = created.path("id");
        as(HOSPITAL)
                .get("/clients/" + id)
                .then()
                .statusCode(200)
                .body("name.given", equalTo("Amara"))
                .body("name.preferred", equalTo("Ami"))
                .body("birthDate", equalTo("1991-07-23"))
                .body("genderIdentity", equalTo("woman"))
                .body("sexAtBirth", equalTo("female"))
                .body("preferredLanguage", equalTo("es-MX"))
                .body("interpreterNeeded", equalTo(true))
                .body("contactPoints.system", contains("phone", "email"))
                .body("address.city", equalTo("Riverbend"))
                .body("preferredContactMethod", equalTo("sms"))
                .body("safeToLeaveMessages", equalTo(false))
                .body("identifiers[0].type", equalTo("medicaid-id"))
                .body("identifiers[0].value", equalTo("AB1234567"))
                .body("version", equalTo(0));
    }

    @Test
    void register_publishesOneSchemaValidEvent_andAnAuditRecord() throws Exception {
        String id = registered(INTAKE, person("Tobias", "Wexford", "1970-01-30"));

        List<TopicReader.Event> events =
                TopicReader.await(Topics.CLIENTS, e -> id.equals(e.key()), 2, Duration.ofSeconds(8));
        assertThat(events).hasSize(1);
        TopicReader.Event event = events.get(0);
        assertThat(event.header(CloudEventHeaders.TYPE)).isEqualTo("cairn.client.registered.v1");
        assertThat(event.header(CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(event.header(CloudEventHeaders.AGENCY_ID)).isEqualTo(DemoUsers.HOSPITAL_AGENCY);
        assertThat(EventSchemas.errors(ClientRegisteredV1.class, event.value())).isEmpty();
        assertThat(event.value()).doesNotContain("Wexford").doesNotContain("1970-01-30");

        List<TopicReader.Event> audit =
                TopicReader.await(Topics.AUDIT, e -> id.equals(e.key()), 1, Duration.ofSeconds(30));
        AuditRecordedV1 record = EventJson.mapper().readValue(audit.get(0).value(), AuditRecordedV1.class);
        assertThat(record.action()).isEqualTo(AuditAction.CREATED);
        assertThat(record.service()).isEqualTo("clients");
        assertThat(record.actor().username()).isEqualTo(INTAKE);
    }

    @Test
    void register_similarNameSameBirthDate_answersPossibleDuplicates() {
        String first = registered(INTAKE, person("Maria", "Gonzalez", "1980-05-17"));

        register(INTAKE, person("Mraia", "Gonzales", "1980-05-17"))
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:possible-duplicates"))
                .body("candidates[0].clientId", equalTo(first))
                .body("candidates[0].reasons", hasItems("similar-name", "same-birth-date"))
                .body("elsewhereInNetwork", equalTo(false));
        register(INTAKE, person("Gonzalez", "Maria", "1980-05-17"))
                .then()
                .statusCode(409)
                .body("candidates[0].clientId", equalTo(first))
                .body("candidates[0].reasons", hasItem("transposed-name"));

        String second =
                registered(INTAKE, with(person("Mraia", "Gonzales", "1980-05-17"), "registerDespiteMatches", true));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void register_sameIdentifierOtherName_isACandidate() {
        String first = registered(
                INTAKE,
                with(
                        person("Bertrand", "Ouimet", null),
                        "identifiers",
                        List.of(identifier("agency-mrn", "riverbend-hospital", "MRN-77001"))));

        as(INTAKE)
                .body(with(
                        person("Kai", "Lindgren", "2001-02-03"),
                        "identifiers",
                        List.of(identifier("agency-mrn", "riverbend-hospital", "MRN-77001"))))
                .post("/clients/duplicate-check")
                .then()
                .statusCode(200)
                .body("candidates[0].clientId", equalTo(first))
                .body("candidates[0].reasons[0]", equalTo("same-identifier"));
    }

    /**
     * The duplicate check looks only where the score can reach the threshold (DuplicateFinder): the
     * same birth date, the very same name in either order with the same birth year, the same phone,
     * the same identifier. The branches without the birth date, each on its own.
     */
    @Test
    void duplicateCheck_sameNameSameYear_orSamePhone_areCandidates() {
        String first = registered(
                INTAKE,
                with(
                        person("Teodora", "Valcourt-Imbert", "1975-04-09"),
                        "contactPoints",
                        List.of(phone("555-818-2040"))));

        as(INTAKE)
                .body(person("Teodora", "Valcourt-Imbert", "1975-12-30"))
                .post("/clients/duplicate-check")
                .then()
                .statusCode(200)
                .body("candidates.clientId", contains(first))
                .body("candidates[0].reasons", hasItems("similar-name", "same-birth-year"));
        as(INTAKE)
                .body(with(person("Valcourt-Imbert", "Teodora", null), "estimatedBirthYear", 1975))
                .post("/clients/duplicate-check")
                .then()
                .statusCode(200)
                .body("candidates.clientId", contains(first))
                .body("candidates[0].reasons", hasItems("transposed-name", "same-birth-year"));
        as(INTAKE)
                .body(with(
                        person("Teodora", "Valcourt-Imbert", null), "contactPoints", List.of(phone("(555) 818-2040"))))
                .post("/clients/duplicate-check")
                .then()
                .statusCode(200)
                .body("candidates.clientId", contains(first))
                .body("candidates[0].reasons", hasItem("same-phone"));
        // The same name born another year, no phone: no second agreement, so nobody to show.
        as(INTAKE)
                .body(person("Teodora", "Valcourt-Imbert", "1990-01-01"))
                .post("/clients/duplicate-check")
                .then()
                .statusCode(200)
                .body("candidates", hasSize(0));
    }

    @Test
    void register_matchOnlyInAnotherAgency_saysSoAndNothingMore() {
        String hospitals = registered(
                INTAKE,
                with(person("Ximena", "Quintero", "1988-11-02"), "contactPoints", List.of(phone("555-303-9911"))));

        String body = register(DemoUsers.CMHC_CASE_MANAGER, person("Ximena", "Quintero", "1988-11-02"))
                .then()
                .statusCode(409)
                .body("candidates", equalTo(List.of()))
                .body("elsewhereInNetwork", equalTo(true))
                .extract()
                .asString();

        assertThat(body).doesNotContain(hospitals).doesNotContain("riverbend").doesNotContain("hospital");
    }

    @Test
    void register_matchElsewhereUnderConsent_isShownToTheConsentedAgency() {
        String hospitals = registered(INTAKE, person("Evander", "Okafor-Lindahl", "1979-10-10"));
        as(HOSPITAL)
                .body(Api.with(Api.consent(), "recipientAgencyId", DemoUsers.CMHC_AGENCY))
                .post("/clients/" + hospitals + "/consents")
                .then()
                .statusCode(201);

        register(DemoUsers.CMHC_CASE_MANAGER, person("Evander", "Okafor-Lindahl", "1979-10-10"))
                .then()
                .statusCode(409)
                .body("candidates[0].clientId", equalTo(hospitals));
        register(DemoUsers.FAMILY_CASE_MANAGER, person("Evander", "Okafor-Lindahl", "1979-10-10"))
                .then()
                .statusCode(409)
                .body("candidates", equalTo(List.of()))
                .body("elsewhereInNetwork", equalTo(true));
    }

    @Test
    void search_findsTyposTranspositionsAndOtherKeys_withinTheAgency() {
        String id = registered(
                INTAKE,
                Map.of(
                        "name", Map.of("given", "Siobhan", "family", "Abernathy"),
                        "birthDate", "1965-03-09",
                        "contactPoints", List.of(phone("+1 555 440 1212")),
                        "identifiers", List.of(identifier("medicaid-id", "state-ny", "ZZ9876543"))));

        for (Map<String, Object> query : List.<Map<String, Object>>of(
                Map.of("name", "Siobahn Abernathy"),
                Map.of("name", "Abernathy Siobhan"),
                Map.of("birthDate", "1965-03-09"),
                Map.of("identifierType", "medicaid-id", "identifierValue", "ZZ9876543"),
                Map.of("phone", "(555) 440-1212"))) {
            as(HOSPITAL)
                    .queryParams(query)
                    .get("/clients")
                    .then()
                    .statusCode(200)
                    .body("items.id", hasItem(id));
            for (String outsider : OTHER_AGENCIES) {
                as(outsider)
                        .queryParams(query)
                        .get("/clients")
                        .then()
                        .statusCode(200)
                        .body("items.id", not(hasItem(id)));
            }
        }
    }

    @Test
    void search_withoutCriteriaOrWithHugePage_is400() {
        as(HOSPITAL)
                .get("/clients")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:cairn:problem:no-criteria"));
        as(HOSPITAL)
                .queryParam("name", "Smith")
                .queryParam("size", 1000)
                .get("/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("size"));
        as(HOSPITAL)
                .queryParam("identifierType", "passport")
                .queryParam("identifierValue", "X1")
                .get("/clients")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anotherAgencysClient_is404_likeAnUnknownOne() {
        String id = registered(INTAKE, person("Ingrid", "Vasquez-Moreau", "1999-09-09"));

        for (String outsider : OTHER_AGENCIES) {
            as(outsider)
                    .get("/clients/" + id)
                    .then()
                    .statusCode(404)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo("urn:cairn:problem:not-found"));
        }
        as(HOSPITAL).get("/clients/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        as(HOSPITAL).get("/clients/" + id).then().statusCode(200);
    }

    @Test
    void roles_thatDoNotWorkCases_areRefused() {
        String id = registered(INTAKE, person("Oskar", "Thorvaldsen", "1950-12-12"));

        register(DemoUsers.of("hospital", "network-admin"), person("Nadia", "Petrov", "1982-01-01"))
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        as(DemoUsers.of("hospital", "network-admin"))
                .get("/clients/" + id)
                .then()
                .statusCode(403);
        register(DemoUsers.of("hospital", "auditor"), person("Nadia", "Petrov", "1982-01-01"))
                .then()
                .statusCode(403);
        as(DemoUsers.of("hospital", "auditor")).get("/clients/" + id).then().statusCode(200);
    }

    @Test
    void badInput_is400NamingTheField_andWritesNothing() {
        String family = "Nobody" + UUID.randomUUID().toString().substring(0, 6);
        record Case(Map<String, Object> body, String field) {}
        for (Case c : List.of(
                new Case(with(person("A", family, null), "genderIdentity", "alien"), "genderIdentity"),
                new Case(person("A", family, LocalDate.now().plusDays(2).toString()), "birthDate"),
                new Case(with(person("A", family, "2000-01-01"), "estimatedBirthYear", 2000), "estimatedBirthYear"),
                new Case(
                        with(
                                person("A", family, null),
                                "estimatedBirthYear",
                                LocalDate.now().getYear() + 1),
                        "estimatedBirthYear"),
                new Case(
                        with(person("A", family, null), "identifiers", List.of(identifier("ssn-last4", "ssa", "12a4"))),
                        "identifiers[0].value"),
                new Case(
                        with(
                                person("A", family, null),
                                "contactPoints",
                                List.of(Map.of("system", "email", "value", "not-an-email"))),
                        "contactPoints[0].value"),
                new Case(person("A".repeat(101), family, null), "name.given"),
                new Case(Map.of("name", Map.of("family", family)), "name.given"),
                new Case(
                        with(person("A", family, null), "preferredLanguage", "english please"), "preferredLanguage"))) {
            register(INTAKE, c.body())
                    .then()
                    .statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("errors.field", hasItem(c.field()));
        }
        as(INTAKE)
                .body("{\"name\": {\"given\": \"A\", \"family\": ")
                .post("/clients")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        as(INTAKE)
                .body("{\"name\": {\"given\": \"A\", \"family\": \"" + family + "\"}, \"birthDate\": \"1990-02-30\"}")
                .post("/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("birthDate"));

        assertThat(Sql.number("select count(*) from client where family_name = ?", family))
                .isZero();
    }

    @Test
    void register_withIdempotencyKey_createsOnce() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = person("Priyanka", "Ramaswamy", "1977-04-04");

        String first = as(INTAKE)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/clients")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String again = as(INTAKE)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/clients")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .path("id");

        assertThat(again).isEqualTo(first);
        assertThat(Sql.number("select count(*) from client where family_name = 'Ramaswamy'"))
                .isEqualTo(1);
    }

    @Test
    void update_withTheVersionRead_changesAndAnnouncesTheChangedFields() throws Exception {
        String id = registered(INTAKE, person("Lucia", "Ferreira-Banks", "1983-08-08"));
        String etag = as(HOSPITAL)
                .get("/clients/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        Map<String, Object> changed =
                with(person("Lucia", "Ferreira-Banks", "1983-08-08"), "contactPoints", List.of(phone("555-010-2020")));

        as(HOSPITAL).body(changed).put("/clients/" + id).then().statusCode(428).contentType(Problem.MEDIA_TYPE);
        as(HOSPITAL)
                .header("If-Match", etag)
                .body(changed)
                .put("/clients/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("contactPoints[0].value", equalTo("555-010-2020"));
        as(HOSPITAL)
                .header("If-Match", etag)
                .body(person("Lucy", "Ferreira-Banks", "1983-08-08"))
                .put("/clients/" + id)
                .then()
                .statusCode(412)
                .body("type", equalTo("urn:cairn:problem:stale-version"));
        as(DemoUsers.CMHC_CASE_MANAGER)
                .header("If-Match", "1")
                .body(changed)
                .put("/clients/" + id)
                .then()
                .statusCode(404);

        List<TopicReader.Event> updates = TopicReader.await(
                Topics.CLIENTS,
                e -> id.equals(e.key()) && "cairn.client.updated.v1".equals(e.header(CloudEventHeaders.TYPE)),
                2,
                Duration.ofSeconds(6));
        assertThat(updates).hasSize(1);
        assertThat(EventSchemas.errors("cairn.client.updated.v1", updates.get(0).value()))
                .isEmpty();
        assertThat(updates.get(0).value()).contains("contactPoints").doesNotContain("555-010-2020");
    }

    @Test
    void update_identifiersInAnotherOrder_isNotADuplicateOfItself() {
        List<Map<String, Object>> ids = List.of(
                identifier("agency-mrn", "riverbend-hospital", "MRN-99101"),
                identifier("medicaid-id", "state-ny", "QQ1122334"));
        String id = registered(INTAKE, with(person("Reordered", "Identifiers", "1961-06-06"), "identifiers", ids));

        as(HOSPITAL)
                .header("If-Match", "0")
                .body(with(
                        person("Reordered", "Identifiers", "1961-06-06"),
                        "identifiers",
                        List.of(ids.get(1), ids.get(0))))
                .put("/clients/" + id)
                .then()
                .statusCode(200)
                .body("identifiers[0].type", equalTo("medicaid-id"));
    }

    @Test
    void openApi_declaresProblemResponses() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/clients'.post.responses.'409'.content.'application/problem+json'", not(equalTo(null)))
                .body(
                        "paths.'/clients/{id}'.get.responses.'404'.content.'application/problem+json'",
                        not(equalTo(null)))
                .body("components.schemas.Problem.properties.status.type", equalTo("integer"))
                .body("components.schemas.IdentifierType.enum", hasItem("medicaid-id"));
    }
}
