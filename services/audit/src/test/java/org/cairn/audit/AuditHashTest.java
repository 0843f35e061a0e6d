package org.cairn.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cairn.audit.service.AuditHash;
import org.cairn.audit.service.AuditRecordView;
import org.junit.jupiter.api.Test;

/**
 * The hash of a stored record never changes when the record gains fields: records stored before
 * consents and client applications were recorded must still verify, while both are protected once
 * present.
 */
class AuditHashTest {

    static AuditRecordView record(List<String> consents, String application) {
        return new AuditRecordView(
                1,
                "event-1",
                "riverbend-hospital",
                1,
                Instant.parse("2026-12-01T10:00:00Z"),
                "clients",
                "riverbend-hospital",
                "user-1",
                "hospital.case-manager",
                List.of("case-manager"),
                "viewed",
                "allowed",
                "client",
                "client-1",
                "client-1",
                "treatment",
                null,
                "req-1",
                consents,
                application,
                null);
    }

    @Test
    void aRecordWithoutConsentsOrApplication_hashesAsRecordsStoredBeforeEitherExisted() {
        // the value the hash had before either field was part of the record, worked out apart from this
        // code (SHA-256 of the genesis hash, a line break and the seventeen fields as compact JSON)
        assertThat(AuditHash.of(AuditHash.genesis("riverbend-hospital"), record(List.of(), null)))
                .isEqualTo(FROZEN);
    }

    @Test
    void theApplicationAndTheConsents_arePartOfTheHash_onceThere() {
        String previous = AuditHash.genesis("riverbend-hospital");
        String plain = AuditHash.of(previous, record(List.of(), null));
        String web = AuditHash.of(previous, record(List.of(), "cairn-web"));
        String mobile = AuditHash.of(previous, record(List.of(), "cairn-mobile"));
        String consented = AuditHash.of(previous, record(List.of("consent-1"), "cairn-web"));
        assertThat(List.of(plain, web, mobile, consented)).doesNotHaveDuplicates();
    }

    static final String FROZEN = "8348a02c6f646c3e053c1a96f50fe67fb84196baf6f18c070a4cfaf29fd9f49f";
}
