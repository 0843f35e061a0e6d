package org.cairn.careplans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.cairn.careplans.rest.FhirExport;
import org.cairn.careplans.rest.PlanView;
import org.cairn.careplans.rest.PlanView.GoalView;
import org.cairn.careplans.rest.PlanView.InterventionView;
import org.cairn.testing.FhirR4;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The FHIR R4 export of a care plan, checked by HAPI's offline instance validator. */
class FhirExportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final UUID CLIENT = UUID.fromString("7d1f3c52-4b7e-4c1a-9a55-0c2b7f1e9a01");
    private static final String CASE_MANAGER = "3f0e9a6c-2d5b-4f8e-b1a7-6c4d2e8f1b90";
    private static final String CARE_TEAM_MEMBER = "j.okafor@northside.example";
    private static final String AGENCY = "northside-food-bank";

    /** The error and fatal messages HAPI's validator gives for a FHIR JSON document, described. */
    static List<String> fhirErrors(String json) {
        return FhirR4.errors(json);
    }

    @BeforeAll
    static void startValidator() {
        long start = System.nanoTime();
        // The first validation loads the R4 definitions; do it here so each test times only its own work.
        validate(FhirExport.bundle(minimalPlan()));
        System.out.printf("HAPI validator: ready after %.2f s%n", seconds(System.nanoTime() - start));
    }

    @Test
    void richPlanIsValidFhir() {
        ObjectNode bundle = FhirExport.bundle(richPlan());

        long start = System.nanoTime();
        ValidationResult result = validate(bundle);
        System.out.printf("Rich plan validated in %.3f s%n", seconds(System.nanoTime() - start));
        result.getMessages().forEach(m -> System.out.println("  rich plan: " + FhirR4.describe(m)));

        assertThat(failures(result)).as(report(result)).isEmpty();
        // A dangling in-bundle reference is only a warning, so warnings are held to the one expected
        // kind: codes in Cairn's own code systems, which an offline validator cannot look up.
        assertThat(result.getMessages())
                .as(report(result))
                .allSatisfy(m -> assertThat(m.getMessage()).contains(FhirExport.CAIRN_FHIR + "CodeSystem/"));
    }

    @Test
    void minimalDraftPlanIsValidFhir() {
        ObjectNode bundle = FhirExport.bundle(minimalPlan());

        ValidationResult result = validate(bundle);
        result.getMessages().forEach(m -> System.out.println("  minimal plan: " + FhirR4.describe(m)));

        assertThat(failures(result)).as(report(result)).isEmpty();
        assertThat(bundle.path("entry")).hasSize(1);
        JsonNode carePlan = bundle.path("entry").path(0).path("resource");
        assertThat(carePlan.path("status").asText()).isEqualTo("draft");
        assertThat(carePlan.path("intent").asText()).isEqualTo("plan");
        assertThat(carePlan.has("goal")).isFalse();
        assertThat(carePlan.has("activity")).isFalse();
        assertThat(carePlan.has("note")).isFalse();
        assertThat(carePlan.path("period").has("end")).isFalse();
    }

    @Test
    void richPlanCarriesWhatConsumersReadBack() {
        PlanView plan = richPlan();
        ObjectNode bundle = FhirExport.bundle(plan);

        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.path("type").asText()).isEqualTo("collection");
        assertThat(bundle.path("entry")).hasSize(1 + plan.goals().size());

        JsonNode carePlan = bundle.path("entry").path(0).path("resource");
        assertThat(carePlan.path("resourceType").asText()).isEqualTo("CarePlan");
        assertThat(carePlan.path("id").asText()).isEqualTo(plan.id().toString());
        assertThat(carePlan.path("status").asText()).isEqualTo("active");
        assertThat(carePlan.path("intent").asText()).isEqualTo("plan");
        assertThat(carePlan.path("subject").path("reference").asText()).isEqualTo("Patient/" + CLIENT);
        assertThat(carePlan.path("period").path("end").asText()).isEqualTo("2026-12-31");
        assertThat(carePlan.path("meta").path("versionId").asText()).isEqualTo("4");
        assertThat(carePlan.path("note").path(0).path("text").asText()).isEqualTo(plan.clientWords());
        assertThat(carePlan.path("goal")).hasSize(plan.goals().size());

        int interventions =
                plan.goals().stream().mapToInt(g -> g.interventions().size()).sum();
        JsonNode activities = carePlan.path("activity");
        assertThat(activities).hasSize(interventions);
        assertThat(values(activities, a -> a.path("detail").path("status").asText()))
                .containsExactlyInAnyOrder(
                        "not-started", "in-progress", "completed", "cancelled", "in-progress", "not-started");
        // cpl-3: an activity has a detail and never a reference as well.
        activities.forEach(a -> assertThat(a.has("reference")).isFalse());

        // Every in-bundle reference points at an entry's fullUrl.
        List<String> fullUrls =
                values(bundle.path("entry"), e -> e.path("fullUrl").asText());
        assertThat(values(carePlan.path("goal"), g -> g.path("reference").asText()))
                .isSubsetOf(fullUrls);
        activities.forEach(a -> assertThat(
                        a.path("detail").path("goal").path(0).path("reference").asText())
                .isIn(fullUrls));

        // Performers by who is responsible.
        Map<String, JsonNode> byDescription = StreamSupport.stream(activities.spliterator(), false)
                .collect(Collectors.toMap(
                        a -> a.path("detail").path("description").asText(), a -> a));
        JsonNode byAgency = byDescription.get("Refer to the food bank's weekly pantry");
        assertThat(byAgency.path("detail")
                        .path("performer")
                        .path(0)
                        .path("reference")
                        .asText())
                .isEqualTo("Organization/" + AGENCY);
        assertThat(byAgency.path("outcomeReference").path(0).path("reference").asText())
                .isEqualTo("ServiceRequest/ref-2026-0042");
        JsonNode byClient = byDescription.get("Keep a weekly food diary");
        assertThat(byClient.path("detail")
                        .path("performer")
                        .path(0)
                        .path("reference")
                        .asText())
                .isEqualTo("Patient/" + CLIENT);
        JsonNode byCareTeam = byDescription.get("Go with the client to the tenancy tribunal");
        JsonNode careTeamPerformer = byCareTeam.path("detail").path("performer").path(0);
        assertThat(careTeamPerformer.has("reference")).as("not a valid FHIR id").isFalse();
        assertThat(careTeamPerformer.path("type").asText()).isEqualTo("Practitioner");
        assertThat(careTeamPerformer.path("identifier").path("value").asText()).isEqualTo(CARE_TEAM_MEMBER);
        JsonNode byCaseManager = byDescription.get("Book a benefits check with the client");
        assertThat(byCaseManager
                        .path("detail")
                        .path("performer")
                        .path(0)
                        .path("reference")
                        .asText())
                .isEqualTo("Practitioner/" + CASE_MANAGER);
        assertThat(values(
                        byCaseManager.path("outcomeReference"),
                        r -> r.path("reference").asText()))
                .containsExactly("ServiceRequest/ref-2026-0050", "Appointment/appt-881");
        assertThat(byCaseManager
                        .path("detail")
                        .path("scheduledPeriod")
                        .path("end")
                        .asText())
                .isEqualTo("2026-03-15");

        // Goals by Cairn status.
        Map<String, JsonNode> goals = StreamSupport.stream(bundle.path("entry").spliterator(), false)
                .skip(1)
                .map(e -> e.path("resource"))
                .collect(Collectors.toMap(g -> g.path("id").asText(), g -> g));
        JsonNode achieved = goals.get(goalId(plan, "achieved").toString());
        assertThat(achieved.path("resourceType").asText()).isEqualTo("Goal");
        assertThat(achieved.path("lifecycleStatus").asText()).isEqualTo("completed");
        assertThat(achieved.path("achievementStatus")
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("achieved");
        assertThat(achieved.path("priority").path("coding").path(0).path("code").asText())
                .isEqualTo("high-priority");
        assertThat(achieved.path("category")
                        .path(0)
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("food");
        assertThat(achieved.path("target").path(0).path("detailString").asText())
                .isEqualTo("Three meals a day on at least 6 days a week");
        assertThat(achieved.path("target").path(0).path("dueDate").asText()).isEqualTo("2026-06-30");
        assertThat(achieved.path("subject").path("reference").asText()).isEqualTo("Patient/" + CLIENT);

        JsonNode partial = goals.get(goalId(plan, "partially-achieved").toString());
        assertThat(partial.path("lifecycleStatus").asText()).isEqualTo("completed");
        assertThat(partial.path("achievementStatus")
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("partially-achieved");
        JsonNode notAchieved = goals.get(goalId(plan, "not-achieved").toString());
        assertThat(notAchieved
                        .path("achievementStatus")
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("not-achieved");
        assertThat(notAchieved.path("statusReason").asText()).isEqualTo("Moved out of the area in May");
        assertThat(goals.get(goalId(plan, "proposed").toString())
                        .path("lifecycleStatus")
                        .asText())
                .isEqualTo("proposed");
        assertThat(goals.get(goalId(plan, "proposed").toString()).has("achievementStatus"))
                .isFalse();
        assertThat(goals.get(goalId(plan, "cancelled").toString())
                        .path("lifecycleStatus")
                        .asText())
                .isEqualTo("cancelled");
        assertThat(goals.get(goalId(plan, "active").toString())
                        .path("achievementStatus")
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("in-progress");
    }

    @Test
    void exportHasNoNullsOrEmptyValues() {
        List<String> empty = new ArrayList<>();
        findEmpty(FhirExport.bundle(richPlan()), "Bundle", empty);
        findEmpty(FhirExport.bundle(minimalPlan()), "Bundle", empty);
        assertThat(empty).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "draft,draft",
        "submitted,draft",
        "active,active",
        "under-review,active",
        "completed,completed",
        "cancelled,revoked"
    })
    void everyPlanStatusMapsToAValidCarePlanStatus(String cairn, String fhir) {
        PlanView plan = withStatus(richPlan(), cairn);
        ObjectNode bundle = FhirExport.bundle(plan);

        assertThat(bundle.path("entry").path(0).path("resource").path("status").asText())
                .isEqualTo(fhir);
        ValidationResult result = validate(bundle);
        assertThat(failures(result)).as(report(result)).isEmpty();
    }

    @Test
    void codesOutsideTheVocabularyAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FhirExport.bundle(withStatus(richPlan(), "on-hold")))
                .withMessageContaining("plan status");
    }

    @Test
    void validatorCatchesAMissingIntent() {
        ObjectNode bundle = FhirExport.bundle(richPlan());
        ((ObjectNode) bundle.path("entry").path(0).path("resource")).remove("intent");

        ValidationResult result = validate(bundle);

        assertThat(failures(result)).as(report(result)).isNotEmpty();
        assertThat(failures(result)).anySatisfy(m -> assertThat(m).contains("intent"));
    }

    @Test
    void validatorCatchesAnActivityWithBothReferenceAndDetail() {
        ObjectNode bundle = FhirExport.bundle(richPlan());
        ObjectNode activity = (ObjectNode)
                bundle.path("entry").path(0).path("resource").path("activity").path(0);
        activity.putObject("reference").put("reference", "ServiceRequest/ref-2026-0042");

        ValidationResult result = validate(bundle);

        assertThat(failures(result))
                .as(report(result))
                .anySatisfy(m -> assertThat(m).contains("cpl-3"));
    }

    // --- the plans ---

    private static PlanView richPlan() {
        UUID planId = UUID.fromString("0b6f1f0e-8f4e-4c61-9d2a-5a3c1e7b2d10");
        List<GoalView> goals = List.of(
                goal(
                        "11111111-1111-4111-8111-111111111111",
                        "housing",
                        "Find a stable two-bedroom tenancy",
                        "Signed lease of 12 months or longer",
                        LocalDate.of(2026, 9, 30),
                        "high",
                        "active",
                        null,
                        List.of(
                                intervention(
                                        "a1111111-0000-4000-8000-000000000001",
                                        "Go with the client to the tenancy tribunal",
                                        "care-team-member",
                                        CARE_TEAM_MEMBER,
                                        LocalDate.of(2026, 4, 2),
                                        "planned",
                                        null,
                                        null,
                                        null),
                                intervention(
                                        "a1111111-0000-4000-8000-000000000002",
                                        "Apply for the housing register",
                                        "client",
                                        null,
                                        null,
                                        "in-progress",
                                        null,
                                        null,
                                        null))),
                goal(
                        "22222222-2222-4222-8222-222222222222",
                        "food",
                        "Eat regular meals every day",
                        "Three meals a day on at least 6 days a week",
                        LocalDate.of(2026, 6, 30),
                        "high",
                        "achieved",
                        "Client reports regular meals for eight weeks",
                        List.of(
                                intervention(
                                        "a2222222-0000-4000-8000-000000000001",
                                        "Refer to the food bank's weekly pantry",
                                        "agency",
                                        AGENCY,
                                        LocalDate.of(2026, 2, 1),
                                        "done",
                                        "Client enrolled",
                                        "ref-2026-0042",
                                        null),
                                intervention(
                                        "a2222222-0000-4000-8000-000000000002",
                                        "Keep a weekly food diary",
                                        "client",
                                        null,
                                        null,
                                        "cancelled",
                                        "Client found it not useful",
                                        null,
                                        null))),
                goal(
                        "33333333-3333-4333-8333-333333333333",
                        "income",
                        "Receive every benefit the client is due",
                        "All eligible benefits in payment",
                        LocalDate.of(2026, 5, 31),
                        "medium",
                        "partially-achieved",
                        "Two of three benefits awarded",
                        List.of(intervention(
                                "a3333333-0000-4000-8000-000000000001",
                                "Book a benefits check with the client",
                                "case-manager",
                                CASE_MANAGER,
                                LocalDate.of(2026, 3, 15),
                                "in-progress",
                                null,
                                "ref-2026-0050",
                                "appt-881"))),
                goal(
                        "44444444-4444-4444-8444-444444444444",
                        "employment",
                        "Start a part-time job",
                        "16 or more paid hours a week",
                        null,
                        "low",
                        "not-achieved",
                        "Moved out of the area in May",
                        List.of()),
                goal(
                        "55555555-5555-4555-8555-555555555555",
                        "social-isolation",
                        "Join a weekly community group",
                        "Attends a group at least 3 times a month",
                        LocalDate.of(2026, 8, 1),
                        null,
                        "proposed",
                        null,
                        List.of(intervention(
                                "a5555555-0000-4000-8000-000000000001",
                                "Share the list of local groups",
                                "case-manager",
                                CASE_MANAGER,
                                null,
                                "planned",
                                null,
                                null,
                                null))),
                goal(
                        "66666666-6666-4666-8666-666666666666",
                        "transportation",
                        "Get a bus pass",
                        "Bus pass issued",
                        null,
                        "medium",
                        "cancelled",
                        "Client bought a car",
                        List.of()));
        return new PlanView(
                planId,
                UUID.fromString("c0ffee00-1234-4abc-8def-000000000001"),
                CLIENT,
                "northside",
                "active",
                4,
                LocalDate.of(2026, 1, 12),
                LocalDate.of(2026, 12, 31),
                "I want my kids to have a safe home & to stop worrying about food <3",
                90,
                LocalDate.of(2026, 4, 12),
                CASE_MANAGER,
                Instant.parse("2026-01-12T09:30:15.123456Z"),
                CASE_MANAGER,
                Instant.parse("2026-01-12T10:00:00Z"),
                "supervisor-7",
                Instant.parse("2026-01-13T08:00:00Z"),
                null,
                goals);
    }

    private static PlanView minimalPlan() {
        return new PlanView(
                UUID.fromString("9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a"),
                UUID.fromString("c0ffee00-1234-4abc-8def-000000000002"),
                CLIENT,
                "northside",
                "draft",
                1,
                LocalDate.of(2026, 3, 1),
                null,
                null,
                90,
                null,
                CASE_MANAGER,
                Instant.parse("2026-03-01T12:00:00Z"),
                null,
                null,
                null,
                null,
                null,
                List.of());
    }

    private static GoalView goal(
            String id,
            String domain,
            String statement,
            String target,
            LocalDate targetDate,
            String priority,
            String status,
            String statusReason,
            List<InterventionView> interventions) {
        return new GoalView(
                UUID.fromString(id),
                domain,
                statement,
                target,
                targetDate,
                priority,
                status,
                statusReason,
                null,
                interventions);
    }

    private static InterventionView intervention(
            String id,
            String what,
            String responsible,
            String responsibleId,
            LocalDate due,
            String status,
            String statusReason,
            String referralId,
            String appointmentId) {
        return new InterventionView(
                UUID.fromString(id),
                what,
                responsible,
                responsibleId,
                due,
                status,
                statusReason,
                referralId,
                appointmentId);
    }

    private static PlanView withStatus(PlanView p, String status) {
        return new PlanView(
                p.id(),
                p.caseId(),
                p.clientId(),
                p.agencyId(),
                status,
                p.version(),
                p.periodStart(),
                p.periodEnd(),
                p.clientWords(),
                p.reviewEveryDays(),
                p.nextReviewOn(),
                p.createdBy(),
                p.createdAt(),
                p.submittedBy(),
                p.submittedAt(),
                p.decidedBy(),
                p.decidedAt(),
                p.returnComment(),
                p.goals());
    }

    private static UUID goalId(PlanView plan, String status) {
        return plan.goals().stream()
                .filter(g -> g.status().equals(status))
                .findFirst()
                .orElseThrow()
                .id();
    }

    // --- validation helpers ---

    private static ValidationResult validate(JsonNode bundle) {
        try {
            return FhirR4.validate(MAPPER.writeValueAsString(bundle));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> failures(ValidationResult result) {
        return FhirR4.failures(result);
    }

    private static String report(ValidationResult result) {
        return result.getMessages().stream()
                .map(FhirR4::describe)
                .collect(Collectors.joining("\n", "validator messages:\n", ""));
    }

    private static void findEmpty(JsonNode node, String path, List<String> found) {
        if (node.isNull()
                || (node.isTextual() && node.asText().isBlank())
                || (node.isContainerNode() && node.isEmpty())) {
            found.add(path);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> findEmpty(f.getValue(), path + "." + f.getKey(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findEmpty(node.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static List<String> values(JsonNode array, java.util.function.Function<JsonNode, String> field) {
        return StreamSupport.stream(array.spliterator(), false).map(field).toList();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
