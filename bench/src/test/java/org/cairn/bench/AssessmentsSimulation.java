package org.cairn.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The assessments service's hot paths and the cross-service load of the propagation scenario, one per
 * run, chosen by {@code -Dcairn.bench.scenario}:
 *
 * <ul>
 *   <li>{@code complete}: {@code POST /assessments/{id}/completion} of a seeded in-progress PHQ-9 with
 *       every item answered (ids from {@code -Dcairn.bench.ids}, each used once): validation, scoring,
 *       the completed event and the audit record;
 *   <li>{@code history}: {@code GET /clients/{id}/score-history?instrument=phq-9} of a seeded client
 *       with six completed PHQ-9s (ids from {@code -Dcairn.bench.ids}, in a circle);
 *   <li>{@code open-case}: {@code POST /clients/{id}/cases} on the clients service for a seeded client
 *       (each once; the program from {@code -Dcairn.bench.program}, since a client has one open case per
 *       agency and program), the load whose case-opened events {@code propagation-services} follows.
 * </ul>
 *
 * And for careplans: {@code plan-read} ({@code GET /care-plans/{id}} of a seeded plan with 10 goals and
 * 40 interventions) and {@code progress} ({@code POST /care-plans/{id}/progress} on those plans). And
 * for audit: {@code audit-client} ({@code GET /audit/clients/{id}/records} of a seeded client, as an
 * auditor). And for referrals: {@code directory-search} ({@code GET /directory/services?<query>}, the
 * queries from {@code -Dcairn.bench.ids}, column {@code query}, in a circle) and {@code referral-create}
 * ({@code POST /referrals} from a seeded case whose client consented, sent at once). And for
 * scheduling: {@code slot-search} ({@code GET /availability?<query>}, three seeded staff over four
 * weeks) and {@code appointment-book} ({@code POST /appointments}, one row of case, client, organizer
 * and times each, never twice). And for the gateway: {@code case-overview} ({@code GET
 * /api/overview/cases/{id}} of a case from {@code -Dcairn.bench.ids}, in a circle; a section marked
 * unavailable fails the request).
 *
 * Base URL: {@code -Dcairn.bench.url}. Token: see {@link Bench.Token}.
 */
public class AssessmentsSimulation extends Simulation {

    {
        String scenario = Bench.required("cairn.bench.scenario");
        ScenarioBuilder load = switch (scenario) {
            case "complete" -> scenario("assessments-complete").exec(complete());
            case "history" -> scenario("assessments-history").exec(history());
            case "open-case" -> scenario("propagation-services").exec(openCase());
            case "plan-read" -> scenario("careplans-read").exec(planRead());
            case "progress" -> scenario("careplans-progress").exec(progress());
            case "audit-client" -> scenario("audit-query").exec(auditOfClient());
            case "directory-search" -> scenario("referrals-search").exec(directorySearch());
            case "referral-create" -> scenario("referrals-create").exec(referralCreate());
            case "slot-search" -> scenario("scheduling-slots").exec(slotSearch());
            case "appointment-book" -> scenario("scheduling-book").exec(appointmentBook());
            case "case-overview" -> scenario("gateway-overview").exec(caseOverview());
            default -> throw new IllegalArgumentException("unknown assessments scenario " + scenario);
        };
        setUp(load.injectOpen(Bench.openModel())).protocols(Bench.protocol(Bench.required("cairn.bench.url")));
    }

    @Override
    public void after() {
        Bench.writeWindow();
    }

    private static ChainBuilder complete() {
        return feed(csv(Bench.required("cairn.bench.ids")).queue())
                .exec(http(Bench.named("POST /assessments/{id}/completion"))
                        .post("/assessments/#{id}/completion")
                        .header("Authorization", Bench.bearer())
                        .body(StringBody("{}"))
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    private static ChainBuilder history() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("GET /clients/{id}/score-history"))
                        .get("/clients/#{id}/score-history?instrument=phq-9")
                        .header("Authorization", Bench.bearer())
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    private static ChainBuilder openCase() {
        return feed(csv(Bench.required("cairn.bench.ids")).queue())
                .exec(http(Bench.named("POST /clients/{id}/cases"))
                        .post("/clients/#{id}/cases")
                        .header("Authorization", Bench.bearer())
                        .body(StringBody("{\"program\":\"" + System.getProperty("cairn.bench.program", "mental-health")
                                + "\",\"status\":\"intake\"}"))
                        .check(status().is(201)))
                .exec(Bench.answered());
    }

    private static ChainBuilder auditOfClient() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("GET /audit/clients/{id}/records"))
                        .get("/audit/clients/#{id}/records")
                        .header("Authorization", Bench.bearer())
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    private static ChainBuilder directorySearch() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("GET /directory/services"))
                        .get("/directory/services?#{query}")
                        .header("Authorization", Bench.bearer())
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    private static ChainBuilder referralCreate() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("POST /referrals"))
                        .post("/referrals")
                        .header("Authorization", Bench.bearer())
                        .body(StringBody("{\"caseId\":\"#{id}\",\"receivingAgencyId\":\"northside-cmhc\","
                                + "\"needDomain\":\"behavioral-health\",\"urgency\":\"routine\","
                                + "\"reason\":\"Bench referral: counselling after discharge\","
                                + "\"packet\":[{\"label\":\"phone\",\"category\":\"general\",\"text\":\"555-0100\"}]}"))
                        .check(status().is(201)))
                .exec(Bench.answered());
    }

    private static ChainBuilder slotSearch() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("GET /availability"))
                        .get("/availability?#{query}")
                        .header("Authorization", Bench.bearer())
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    /** One booking per row (a queue: a row booked twice would clash): case, client, organizer, times. */
    private static ChainBuilder appointmentBook() {
        return feed(csv(Bench.required("cairn.bench.ids")).queue())
                .exec(http(Bench.named("POST /appointments"))
                        .post("/appointments")
                        .header("Authorization", Bench.bearer())
                        .body(StringBody("{\"clientId\":\"#{client}\",\"caseId\":\"#{id}\",\"clientInitials\":\"BX\","
                                + "\"kind\":\"follow-up\",\"mode\":\"phone\",\"start\":\"#{start}\",\"end\":\"#{end}\","
                                + "\"timeZone\":\"UTC\",\"organizerId\":\"#{organizer}\"}"))
                        .check(status().is(201)))
                .exec(Bench.answered());
    }

    /** The gateway's case overview; an answer with a section missing counts as a failure. */
    private static ChainBuilder caseOverview() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("GET /api/overview/cases/{id}"))
                        .get("/api/overview/cases/#{id}")
                        .header("Authorization", Bench.bearer())
                        .check(
                                status().is(200),
                                jsonPath("$.unavailable[*]").count().is(0)))
                .exec(Bench.answered());
    }

    private static ChainBuilder planRead() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("GET /care-plans/{id}"))
                        .get("/care-plans/#{id}")
                        .header("Authorization", Bench.bearer())
                        .check(status().is(200)))
                .exec(Bench.answered());
    }

    private static ChainBuilder progress() {
        return feed(csv(Bench.required("cairn.bench.ids")).circular())
                .exec(http(Bench.named("POST /care-plans/{id}/progress"))
                        .post("/care-plans/#{id}/progress")
                        .header("Authorization", Bench.bearer())
                        .body(StringBody("{\"text\":\"Bench progress: phone call, on track\","
                                + "\"measurementValue\":7,\"measurementLabel\":\"PHQ-9\"}"))
                        .check(status().is(201)))
                .exec(Bench.answered());
    }
}
