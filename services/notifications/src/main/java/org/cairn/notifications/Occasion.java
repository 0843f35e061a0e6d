package org.cairn.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened in the suite that people may need to hear about, as the router makes it from
 * one event: what kind of thing it was (the rules and templates are keyed by it), which agencies it
 * concerns and the people it names.
 *
 * @param name the occasion, e.g. {@code crisis}, {@code referral-received}
 * @param eventId the source event's id: with the recipient, what makes a notification unique
 * @param eventType the source event's CloudEvents type
 * @param time when it happened
 * @param agencyId the agency it happened at (for a referral: the sending one)
 * @param otherAgencyId the other agency of a referral (the receiving one), if any
 * @param clientId the client, if any
 * @param caseId the case, if any
 * @param named people the event names, by the audience they make up (e.g. {@code staff-participants})
 * @param params what the templates may show: codes, times and ids, never a client's name
 */
public record Occasion(
        String name,
        String eventId,
        String eventType,
        Instant time,
        String agencyId,
        String otherAgencyId,
        UUID clientId,
        UUID caseId,
        Map<Audience, List<String>> named,
        Map<String, Object> params) {

    public Occasion {
        named = Map.copyOf(named);
        params = Map.copyOf(params);
    }
}
