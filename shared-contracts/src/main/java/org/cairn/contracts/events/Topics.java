package org.cairn.contracts.events;

import java.util.List;

/**
 * The Kafka topics of the suite: one per producing service, keyed by client id so that one client's
 * events keep their order, plus the audit topic every service writes to.
 */
public final class Topics {

    public static final String CLIENTS = "cairn.clients.events";
    public static final String ASSESSMENTS = "cairn.assessments.events";
    public static final String CAREPLANS = "cairn.careplans.events";
    public static final String REFERRALS = "cairn.referrals.events";
    public static final String SCHEDULING = "cairn.scheduling.events";
    public static final String NOTIFICATIONS = "cairn.notifications.events";
    public static final String AUDIT = "cairn.audit.events";
    /** The audit service's own events (alerts), apart from the records every service writes to it. */
    public static final String AUDIT_ALERTS = "cairn.audit.alerts";

    /** Every topic above; {@code dev/infra} creates the same list. */
    public static final List<String> ALL =
            List.of(CLIENTS, ASSESSMENTS, CAREPLANS, REFERRALS, SCHEDULING, NOTIFICATIONS, AUDIT, AUDIT_ALERTS);

    private Topics() {}
}
