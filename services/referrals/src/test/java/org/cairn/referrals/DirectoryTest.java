package org.cairn.referrals;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.contracts.events.CloudEventHeaders;
import org.cairn.contracts.events.DirectoryCapacityChangedV1;
import org.cairn.contracts.events.DirectoryServiceChangedV1;
import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.events.EventSchemas;
import org.cairn.contracts.events.Topics;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.testing.CaseEvents;
import org.cairn.testing.DemoTokens;
import org.cairn.testing.DemoUsers;
import org.cairn.testing.InfraEnv;
import org.cairn.testing.Sql;
import org.cairn.testing.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resource directory on the real database, broker and identity provider: the demo network's HSDS
 * directory imported by a network administrator, searched by need, text, eligibility, language,
 * opening hours and distance, exported and imported again; a document with errors refused whole
 * with each error's path; capacity kept by the agency that runs the service only; referrals to a
 * service, with the eligibility warning and its override.
 */
@QuarkusTest
class DirectoryTest {

    static final String ADMIN = "hospital.network-admin";

    // the demo directory's services (dev/demo-directory.json)
    static final String SHELTER = "cd3f3319-19ef-5273-9a9e-fcb728927dd0";
    static final String FAMILY_HOUSING = "6b6fc84d-aa8b-51cf-a4a0-5f4c1752cdc0";
    static final String YOUTH_HOUSING = "88a2ee9e-ddf3-5f51-85cf-ff11ab6c204e";
    static final String PANTRY = "09d2eaab-4f9e-5ff0-a055-bf263b995a7c";
    static final String PARENTING = "548ed024-a522-5419-9296-745b6e3d1c57";
    static final String WOMENS_COUNSELLING = "fc76298d-d223-5be5-857d-ba28f70a7f94";
    static final String FOOD_BANK = "e115fb8a-1431-5533-835f-d0a385b1543d";

    /** The shelter's door: distances are measured from here. */
    static final double LAT = 41.5031;

    static final double LON = -90.5472;

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    static String demoDirectory() {
        try {
            return Files.readString(InfraEnv.infraScript().getParent().resolve("demo-directory.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void importTheDemoDirectory() {
        as(ADMIN)
                .body(demoDirectory())
                .post("/directory/import")
                .then()
                .statusCode(200)
                .body("services", equalTo(9));
    }

    static List<String> ids(Map<String, Object> query) {
        return as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .queryParams(query)
                .queryParam("size", 100)
                .get("/directory/services")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
    }

    @Test
    void search_keepsWhatTheClientIsEligibleFor_nearestFirst() {
        Map<String, Object> adult = new HashMap<>(Map.of(
                "need",
                "housing",
                "age",
                30,
                "area",
                "Riverbend County",
                "incomePercentFpl",
                150,
                "lat",
                LAT,
                "lon",
                LON,
                "radiusKm",
                30));
        List<String> found = ids(adult);
        // the youth house is for 16 to 24: left out; the shelter (at the point) before family housing (17 km)
        assertThat(found).contains(SHELTER, FAMILY_HOUSING).doesNotContain(YOUTH_HOUSING, PANTRY);
        assertThat(found.indexOf(SHELTER)).isLessThan(found.indexOf(FAMILY_HOUSING));

        adult.put("incomePercentFpl", 250);
        assertThat(ids(adult)).contains(SHELTER).doesNotContain(FAMILY_HOUSING);
        adult.put("radiusKm", 5);
        adult.put("incomePercentFpl", 150);
        assertThat(ids(adult)).contains(SHELTER).doesNotContain(FAMILY_HOUSING);
        assertThat(ids(Map.of("need", "housing", "age", 19))).contains(SHELTER, YOUTH_HOUSING);
        assertThat(ids(Map.of("need", "housing", "age", 17)))
                .contains(YOUTH_HOUSING)
                .doesNotContain(SHELTER);

        // eligibility by gender and insurance; distance and radius
        assertThat(ids(Map.of("need", "behavioral-health", "gender", "male"))).doesNotContain(WOMENS_COUNSELLING);
        assertThat(ids(Map.of("need", "behavioral-health", "gender", "female", "insurance", "medicaid")))
                .contains(WOMENS_COUNSELLING);
        assertThat(ids(Map.of("need", "behavioral-health", "gender", "female", "insurance", "private")))
                .doesNotContain(WOMENS_COUNSELLING);
        assertThat(ids(Map.of("need", "food", "lat", LAT, "lon", LON, "radiusKm", 25)))
                .contains(PANTRY)
                .doesNotContain(FOOD_BANK);
        assertThat(ids(Map.of("need", "food"))).contains(PANTRY, FOOD_BANK);

        Map<String, Object> first = as(DemoUsers.HOUSING_CASE_MANAGER)
                .queryParams(Map.of("need", "housing", "lat", LAT, "lon", LON, "radiusKm", 1))
                .get("/directory/services")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("items.find { it.id == '" + SHELTER + "' }");
        assertThat(first).containsEntry("name", "Emergency Shelter").containsEntry("distanceKm", 0.0f);
        assertThat((Map<String, Object>) first.get("organization")).containsEntry("agencyId", "keystone-housing");
        assertThat((Map<String, Object>) first.get("capacity"))
                .containsEntry("available", 4)
                .containsEntry("maximum", 40);
    }

    @Test
    void search_byTextLanguageAndOpeningHours() {
        List<String> shelter = ids(Map.of("q", "emergency shelter beds"));
        assertThat(shelter).isNotEmpty();
        assertThat(shelter.get(0)).isEqualTo(SHELTER);
        assertThat(ids(Map.of("q", "groceries produce"))).contains(PANTRY).doesNotContain(SHELTER);

        assertThat(ids(Map.of("need", "housing", "language", "es")))
                .contains(SHELTER, YOUTH_HOUSING)
                .doesNotContain(FAMILY_HOUSING);

        // open round the clock: open now whenever this runs; no opening hours at all: never "open now"
        assertThat(ids(Map.of("need", "housing", "openNow", true)))
                .contains(SHELTER)
                .doesNotContain(YOUTH_HOUSING);
    }

    @Test
    void search_badQuery_isA400Problem() {
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .queryParam("radiusKm", 5)
                .get("/directory/services")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .queryParam("lat", 91)
                .queryParam("lon", 0)
                .get("/directory/services")
                .then()
                .statusCode(400);
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .queryParam("need", "astrology")
                .get("/directory/services")
                .then()
                .statusCode(400);
        given().get("/directory/services").then().statusCode(401);
    }

    @Test
    void aService_readsAsHsds_andTheExportImportsAgain() throws Exception {
        JsonNode shelter = EventJson.mapper()
                .readTree(as(DemoUsers.FAMILY_CASE_MANAGER)
                        .get("/directory/services/" + SHELTER)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertThat(shelter.get("name").asText()).isEqualTo("Emergency Shelter");
        assertThat(shelter.at("/organization/name").asText()).isEqualTo("Keystone Housing Partners");
        assertThat(shelter.at("/service_at_locations/0/location/latitude").asDouble())
                .isEqualTo(LAT);
        assertThat(shelter.at("/capacities/0/available").asInt()).isEqualTo(4);
        assertThat(shelter.at("/capacities/0/unit/name").asText()).isNotBlank();

        String export = as(ADMIN)
                .queryParam("per_page", 5000)
                .get("/directory/export")
                .then()
                .statusCode(200)
                .body("page_number", equalTo(1))
                .extract()
                .asString();
        ObjectNode page = (ObjectNode) EventJson.mapper().readTree(export);
        List<String> exported = page.withArray("contents").findValuesAsText("id");
        assertThat(exported).contains(SHELTER, FOOD_BANK);
        // what came out goes back in as it is: the export is a valid import, and changes nothing
        as(ADMIN).body(export).post("/directory/import").then().statusCode(200).body("changed", equalTo(0));
        as(ADMIN)
                .body(demoDirectory())
                .post("/directory/import")
                .then()
                .statusCode(200)
                .body("changed", equalTo(0));

        as(DemoUsers.FAMILY_CASE_MANAGER)
                .get("/directory/services/" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    @Test
    void anImportWithErrors_namesEachByItsPath_andWritesNothing() throws Exception {
        ObjectNode document = (ObjectNode) EventJson.mapper().readTree(demoDirectory());
        ArrayNode contents = document.withArray("contents");
        String untouched = UUID.randomUUID().toString();
        // a fresh, valid service first: it must not be written either
        ObjectNode fresh = ((ObjectNode) contents.get(0)).deepCopy();
        fresh.put("id", untouched);
        fresh.remove("capacities");
        for (JsonNode atLocation : fresh.withArray("service_at_locations")) {
            ((ObjectNode) atLocation).put("id", UUID.randomUUID().toString());
        }
        contents.insert(0, fresh);
        ((ObjectNode) contents.get(1)).remove("name");
        ((ObjectNode) contents.get(2)).put("id", "not-a-uuid");
        ((ObjectNode) contents.get(3)).put("minimum_age", 30).put("maximum_age", 20);
        ((ObjectNode) contents.get(4).at("/attributes/0/taxonomy_term")).put("code", "astrology");
        ((ObjectNode) contents.get(5).at("/service_at_locations/0/location")).put("latitude", 123.0);

        List<String> fields = as(ADMIN)
                .body(document.toString())
                .post("/directory/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .extract()
                .jsonPath()
                .getList("errors.field");
        assertThat(fields)
                .contains("/contents/1", "/contents/2/id", "/contents/5/service_at_locations/0/location/latitude");

        // the schema's errors come first; with those mended, what only the service can tell
        ((ObjectNode) contents.get(1)).put("name", "Mended");
        ((ObjectNode) contents.get(2)).put("id", UUID.randomUUID().toString());
        ((ObjectNode) contents.get(5).at("/service_at_locations/0/location")).put("latitude", 41.5);
        fields = as(ADMIN)
                .body(document.toString())
                .post("/directory/import")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath()
                .getList("errors.field");
        assertThat(fields)
                .containsExactlyInAnyOrder("/contents/3/minimum_age", "/contents/4/attributes/0/taxonomy_term/code");

        as(ADMIN).get("/directory/services/" + untouched).then().statusCode(404);
        as(ADMIN).body("{\"contents\": 3}").post("/directory/import").then().statusCode(400);
        as(ADMIN).body("not json").post("/directory/import").then().statusCode(400);
    }

    @Test
    void curation_isForNetworkAdministrators_oneServiceAtATime() throws Exception {
        ObjectNode service =
                (ObjectNode) EventJson.mapper().readTree(demoDirectory()).at("/contents/4");
        String id = UUID.randomUUID().toString();
        service.put("id", id).put("name", "Saturday Parenting Circle");
        // HSDS ids are the service's own: where it is delivered gets ids of its own too
        for (JsonNode atLocation : service.withArray("service_at_locations")) {
            ((ObjectNode) atLocation).put("id", UUID.randomUUID().toString());
        }
        as(DemoUsers.HOSPITAL_SUPERVISOR)
                .body(service.toString())
                .put("/directory/services/" + id)
                .then()
                .statusCode(403);
        as(ADMIN)
                .body(service.toString())
                .put("/directory/services/" + UUID.randomUUID())
                .then()
                .statusCode(400);
        as(ADMIN)
                .body(service.toString())
                .put("/directory/services/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Saturday Parenting Circle"));
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(demoDirectory())
                .post("/directory/import")
                .then()
                .statusCode(403);
        // one service where one is asked for
        as(ADMIN)
                .body(service + "," + service)
                .put("/directory/services/" + id)
                .then()
                .statusCode(400);

        List<TopicReader.Event> told =
                TopicReader.await(Topics.REFERRALS, e -> id.equals(e.key()), 1, Duration.ofSeconds(30));
        assertThat(EventSchemas.errors(
                        DirectoryServiceChangedV1.class, told.get(0).value()))
                .isEmpty();
        DirectoryServiceChangedV1 event =
                EventJson.mapper().readValue(told.get(0).value(), DirectoryServiceChangedV1.class);
        assertThat(event.agencyId()).isEqualTo("harbor-family");
        assertThat(event.name()).isEqualTo("Saturday Parenting Circle");

        // marked defunct, it is found no more
        service.put("status", "defunct");
        as(ADMIN)
                .body(service.toString())
                .put("/directory/services/" + id)
                .then()
                .statusCode(200);
        assertThat(ids(Map.of("need", "childcare"))).contains(PARENTING).doesNotContain(id);
    }

    @Test
    void capacity_isKeptByTheAgencyThatRunsTheService() throws Exception {
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(Map.of("available", 3))
                .put("/directory/services/" + PARENTING + "/capacity")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(DemoUsers.FAMILY_CASE_MANAGER)
                .body(Map.of("available", -1))
                .put("/directory/services/" + PARENTING + "/capacity")
                .then()
                .statusCode(400);
        as(DemoUsers.FAMILY_CASE_MANAGER)
                .body(Map.of("available", 3))
                .put("/directory/services/" + UUID.randomUUID() + "/capacity")
                .then()
                .statusCode(404);
        as(DemoUsers.FAMILY_CASE_MANAGER)
                .body(Map.of("available", 3, "maximum", 10, "waitlist", 2))
                .put("/directory/services/" + PARENTING + "/capacity")
                .then()
                .statusCode(200)
                .body("available", equalTo(3))
                .body("waitlist", equalTo(2));
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .get("/directory/services/" + PARENTING)
                .then()
                .body("capacities[0].available", equalTo(3))
                .body("capacities[0].maximum", equalTo(10));

        List<TopicReader.Event> told = TopicReader.await(
                Topics.REFERRALS,
                e -> PARENTING.equals(e.key())
                        && "cairn.directory.capacity-changed.v1".equals(e.header(CloudEventHeaders.TYPE))
                        && Integer.valueOf(3).equals(capacity(e).available()),
                1,
                Duration.ofSeconds(30));
        DirectoryCapacityChangedV1 event =
                EventJson.mapper().readValue(told.get(0).value(), DirectoryCapacityChangedV1.class);
        assertThat(event.agencyId()).isEqualTo("harbor-family");
        assertThat(event.maximum()).isEqualTo(10);
    }

    static DirectoryCapacityChangedV1 capacity(TopicReader.Event e) {
        try {
            return EventJson.mapper().readValue(e.value(), DirectoryCapacityChangedV1.class);
        } catch (IOException x) {
            return new DirectoryCapacityChangedV1(null, null, null, null, null, null);
        }
    }

    @Test
    void aReferralToAService_goesToItsAgency_warnedWhenTheClientIsNotEligible() {
        CaseEvents.OpenCase c = CaseEvents.open(
                DemoUsers.HOSPITAL_AGENCY, DemoUsers.HOSPITAL_CASE_MANAGER, Program.MEDICAL, LocalDate.now());
        ReferralsTest.consent(
                c.clientId(), DemoUsers.HOUSING_AGENCY, ConsentPurpose.REFERRAL, SensitivityCategory.GENERAL);
        Map<String, Object> referral = new HashMap<>(Map.of(
                "caseId",
                c.caseId(),
                "serviceId",
                YOUTH_HOUSING,
                "eligibility",
                Map.of("age", 30),
                "needDomain",
                "housing",
                "urgency",
                "urgent",
                "reason",
                "discharged without a home",
                "packet",
                List.of(ReferralsTest.PHONE)));

        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(referral)
                .post("/referrals")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("not-eligible"))
                .body("detail", org.hamcrest.Matchers.containsString("age"));
        assertThat(Sql.number("select count(*) from referral where case_id = cast(? as uuid)", c.caseId()))
                .isZero();

        referral.put("eligibilityOverride", "turns 24 next month; the house keeps a place for him");
        String id = as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(referral)
                .post("/referrals")
                .then()
                .statusCode(201)
                .body("receivingAgencyId", equalTo(DemoUsers.HOUSING_AGENCY))
                .body("serviceId", equalTo(YOUTH_HOUSING))
                .body("serviceName", equalTo("Youth Transitional Housing"))
                .body("eligibilityOverride", equalTo("turns 24 next month; the house keeps a place for him"))
                .extract()
                .path("id");
        // as FHIR: its ServiceRequest names the service; valid R4; nobody else's to read
        String fhir = as(DemoUsers.HOUSING_CASE_MANAGER)
                .get("/referrals/" + id + "/fhir")
                .then()
                .statusCode(200)
                .contentType("application/fhir+json")
                .body("entry[0].resource.performer[1].identifier.value", equalTo(YOUTH_HOUSING))
                .extract()
                .asString();
        assertThat(org.cairn.testing.FhirR4.errors(fhir)).isEmpty();
        as(DemoUsers.FAMILY_CASE_MANAGER)
                .get("/referrals/" + id + "/fhir")
                .then()
                .statusCode(404);
        as(DemoUsers.HOUSING_CASE_MANAGER)
                .queryParam("box", "received")
                .queryParam("serviceId", YOUTH_HOUSING)
                .get("/referrals")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        as(DemoUsers.HOUSING_CASE_MANAGER)
                .queryParam("box", "received")
                .queryParam("serviceId", SHELTER)
                .get("/referrals")
                .then()
                .body("items.id", not(hasItem(id)));

        // eligible: no override needed, none recorded; a named agency must be the service's
        referral.remove("eligibilityOverride");
        referral.put("serviceId", SHELTER);
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(referral)
                .post("/referrals")
                .then()
                .statusCode(201)
                .body("eligibilityOverride", org.hamcrest.Matchers.nullValue());
        referral.put("receivingAgencyId", DemoUsers.CMHC_AGENCY);
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(referral)
                .post("/referrals")
                .then()
                .statusCode(400);
        referral.remove("receivingAgencyId");

        // outside the network, or unknown: nowhere to send it
        referral.put("serviceId", FOOD_BANK);
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(referral)
                .post("/referrals")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("not-in-network"));
        referral.put("serviceId", UUID.randomUUID().toString());
        as(DemoUsers.HOSPITAL_CASE_MANAGER)
                .body(referral)
                .post("/referrals")
                .then()
                .statusCode(404);
    }
}
