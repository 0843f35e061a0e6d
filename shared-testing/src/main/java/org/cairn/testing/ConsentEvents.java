package org.cairn.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cairn.contracts.events.ConsentGrantedV1;
import org.cairn.contracts.vocabulary.ConsentPurpose;
import org.cairn.contracts.vocabulary.SensitivityCategory;

/**
 * Consents as the clients service tells them, for services that keep the consent projection: the
 * event goes to the real broker, and the call returns once the service under test has applied it.
 */
public final class ConsentEvents {

    private ConsentEvents() {}

    /**
     * A consent of the client, recorded at {@code grantingAgency}, in force since yesterday with no end,
     * letting information of {@code categories} go to {@code recipientAgency} for {@code purpose}; its id.
     */
    public static String grant(
            String clientId,
            String grantingAgency,
            String recipientAgency,
            ConsentPurpose purpose,
            SensitivityCategory... categories) {
        String consentId = UUID.randomUUID().toString();
        EventPublisher.publish(
                UUID.randomUUID().toString(),
                clientId,
                grantingAgency,
                new ConsentGrantedV1(
                        consentId,
                        clientId,
                        grantingAgency,
                        recipientAgency,
                        purpose,
                        List.of(categories),
                        LocalDate.now().minusDays(1),
                        null,
                        Instant.now()));
        CaseEvents.awaitRow("select count(*) from consent_projection where consent_id = cast(? as uuid)", consentId);
        return consentId;
    }
}
