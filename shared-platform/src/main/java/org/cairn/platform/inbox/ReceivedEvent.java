package org.cairn.platform.inbox;

import java.time.Instant;

/**
 * An event as a consumer receives it: the CloudEvents attributes from the Kafka headers and the
 * data read into its record.
 *
 * @param id the event id; the inbox de-duplicates on it
 * @param type the CloudEvents type, e.g. {@code cairn.client.registered.v1}
 * @param source the producing service, e.g. {@code /cairn/clients}
 * @param clientId the subject: the client the event is about
 * @param agencyId the agency on whose behalf it happened
 * @param time when it happened
 * @param data the event's data
 */
public record ReceivedEvent<T extends Record>(
        String id, String type, String source, String clientId, String agencyId, Instant time, T data) {}
