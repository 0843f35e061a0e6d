package org.cairn.clients;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cairn.testing.DemoTokens;

/** Calls of the clients API as a demo user, for the tests. */
final class Api {

    private Api() {}

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DemoTokens.accessToken(user)).contentType(ContentType.JSON);
    }

    static Response register(String user, Map<String, Object> body) {
        return as(user).body(body).when().post("/clients");
    }

    /** A registration with a name and birth date; callers add what else they need. */
    static Map<String, Object> person(String given, String family, String birthDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Map.of("given", given, "family", family));
        if (birthDate != null) {
            body.put("birthDate", birthDate);
        }
        return body;
    }

    /**
     * A newly registered client's id: the family name gets a random suffix, so no test's client is a
     * possible duplicate of another's, and the registration does not stop at the duplicate check.
     */
    static String newClient(String user, String given, String familyPrefix, String birthDate) {
        return register(
                        user,
                        with(
                                person(
                                        given,
                                        familyPrefix
                                                + UUID.randomUUID().toString().substring(0, 6),
                                        birthDate),
                                "registerDespiteMatches",
                                true))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A consent the client gives, signed today, for care coordination of general information. */
    static Map<String, Object> consent() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grantorType", "client");
        body.put("purpose", "care-coordination");
        body.put("categories", List.of("general"));
        body.put("effectiveFrom", LocalDate.now().toString());
        body.put("evidenceType", "signed");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    static Map<String, Object> phone(String number) {
        return Map.of("system", "phone", "value", number, "use", "mobile");
    }

    static Map<String, Object> identifier(String type, String issuer, String value) {
        return Map.of("type", type, "issuer", issuer, "value", value);
    }

    /** The events of one type about one client on the clients topic, each checked against its schema. */
    static List<org.cairn.testing.TopicReader.Event> clientEvents(String clientId, String type, int expected) {
        return org.cairn.testing.TopicReader.ofClient(
                org.cairn.contracts.events.Topics.CLIENTS, clientId, type, expected, java.time.Duration.ofSeconds(30));
    }
}
