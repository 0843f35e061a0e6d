package org.cairn.contracts.events;

/**
 * Kafka header names of a CloudEvents 1.0 event in binary mode: the attributes travel as {@code ce_}
 * headers and the record value is the event's JSON data. {@code agencyid} is Cairn's extension
 * attribute: the agency on whose behalf the event happened.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    /** The client the event is about; also the record key. */
    public static final String SUBJECT = "ce_subject";

    public static final String TIME = "ce_time";
    public static final String AGENCY_ID = "ce_agencyid";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}
