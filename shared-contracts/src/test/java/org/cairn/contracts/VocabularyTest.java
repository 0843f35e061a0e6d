package org.cairn.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cairn.contracts.events.EventJson;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.Program;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.contracts.vocabulary.SensitivityCategory;
import org.junit.jupiter.api.Test;

/** The shared vocabularies have one spelling, in Java, in JSON and in the token's roles. */
class VocabularyTest {

    @Test
    void codes_areLowerCaseWithDashes() {
        assertThat(SensitivityCategory.SUBSTANCE_USE_PART2.code()).isEqualTo("substance-use-part2");
        assertThat(Coded.codes(Program.class))
                .containsExactly(
                        "medical", "mental-health", "child-family", "geriatric", "vocational-rehab", "legal-forensic");
        assertThat(Coded.codes(Role.class))
                .containsExactly(
                        "intake-worker",
                        "case-manager",
                        "supervisor",
                        "program-director",
                        "partner-provider",
                        "auditor",
                        "network-admin");
    }

    @Test
    void json_writesAndReadsTheCode() throws Exception {
        assertThat(EventJson.mapper().writeValueAsString(Role.CASE_MANAGER)).isEqualTo("\"case-manager\"");
        assertThat(EventJson.mapper().readValue("\"domestic-violence\"", SensitivityCategory.class))
                .isEqualTo(SensitivityCategory.DOMESTIC_VIOLENCE);
    }

    @Test
    void unknownCode_isRejected() {
        assertThatThrownBy(() -> Coded.fromCode(Role.class, "superuser"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("superuser");
        assertThatThrownBy(() -> EventJson.mapper().readValue("\"CASE_MANAGER\"", Role.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class);
    }
}
