package org.cairn.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.vocabulary.NeedDomain;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.ReferralOutcome;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.cairn.contracts.vocabulary.Urgency;
import org.cairn.referrals.rest.ReferralFhir;
import org.cairn.referrals.rest.ReferralRequests;
import org.cairn.referrals.rest.ReferralView;
import org.cairn.testing.FhirR4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A referral exported as FHIR R4 (ServiceRequest and Task) passes HAPI FHIR's R4 validator with no errors. */
class ReferralFhirTest {

    static ReferralView referral(ReferralTaskStatus status, ReferralOutcome outcome, boolean rich) {
        Instant created = Instant.parse("2026-11-20T09:30:00.123456Z");
        return new ReferralView(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "riverbend-hospital",
                "keystone-housing",
                rich ? UUID.randomUUID() : null,
                rich ? "Family Housing Program" : null,
                NeedDomain.HOUSING,
                rich ? Urgency.EMERGENCY : Urgency.ROUTINE,
                "Mother & two children <10 in a shelter",
                status,
                status == ReferralTaskStatus.DRAFT ? null : UUID.randomUUID().toString(),
                status == ReferralTaskStatus.ACCEPTED ? Program.CHILD_FAMILY : null,
                rich ? "turns 24 next month" : null,
                created.plusSeconds(86_400),
                null,
                rich ? "9c5d0b7e-1111-4a4a-9b9b-123456789abc" : null,
                outcome,
                rich ? "user@with-an-email-like-id" : "3f2a8b1c-0d4e-4f5a-9b6c-7d8e9f0a1b2c",
                created,
                created.plusSeconds(3_600),
                rich
                        ? List.of(
                                new ReferralRequests.PacketItem("phone", SensitivityCategory.GENERAL, "+1 555 0105"),
                                new ReferralRequests.PacketItem(
                                        "household", SensitivityCategory.GENERAL, "Mother and two children"))
                        : List.of(),
                List.of(new ReferralView.Change(
                        null,
                        status,
                        "keystone-housing",
                        "someone",
                        outcome == null ? null : "as recorded",
                        outcome,
                        created.plusSeconds(3_600))));
    }

    @ParameterizedTest
    @EnumSource(
            value = ReferralTaskStatus.class,
            names = {"DRAFT", "REQUESTED", "RECEIVED", "ACCEPTED", "IN_PROGRESS", "ON_HOLD", "CANCELLED"})
    void everyStatus_validates(ReferralTaskStatus status) {
        String json = ReferralFhir.bundle(referral(status, null, status.ordinal() % 2 == 0))
                .toString();
        assertThat(FhirR4.errors(json)).as(json).isEmpty();
    }

    @Test
    void endedReferrals_withTheirOutcomes_validate() {
        for (var end : List.of(
                List.of(ReferralTaskStatus.COMPLETED, ReferralOutcome.SERVICE_DELIVERED),
                List.of(ReferralTaskStatus.REJECTED, ReferralOutcome.AT_CAPACITY),
                List.of(ReferralTaskStatus.FAILED, ReferralOutcome.UNABLE_TO_CONTACT))) {
            ReferralView r = referral((ReferralTaskStatus) end.get(0), (ReferralOutcome) end.get(1), true);
            JsonNode bundle = ReferralFhir.bundle(r);
            assertThat(FhirR4.errors(bundle.toString())).as(bundle.toString()).isEmpty();
            JsonNode request = bundle.at("/entry/0/resource");
            JsonNode task = bundle.at("/entry/1/resource");
            assertThat(request.get("resourceType").asText()).isEqualTo("ServiceRequest");
            assertThat(task.get("focus").get("reference").asText()).isEqualTo("urn:uuid:" + r.id());
            assertThat(task.get("status").asText()).isEqualTo(r.status().code());
            assertThat(task.at("/output/0/valueCodeableConcept/coding/0/code").asText())
                    .isEqualTo(((ReferralOutcome) end.get(1)).code());
        }
        ReferralView completed = referral(ReferralTaskStatus.COMPLETED, ReferralOutcome.SERVICE_DELIVERED, true);
        JsonNode request = ReferralFhir.bundle(completed).at("/entry/0/resource");
        assertThat(request.get("status").asText()).isEqualTo("completed");
        assertThat(request.get("priority").asText()).isEqualTo("stat");
        assertThat(request.at("/performer/1/type").asText()).isEqualTo("HealthcareService");
        // a user id that is no FHIR id keeps its identifier, without a literal reference
        assertThat(request.at("/requester/reference").isMissingNode()).isTrue();
        assertThat(request.at("/requester/identifier/value").asText()).isEqualTo("user@with-an-email-like-id");
    }
}
