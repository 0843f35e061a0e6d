package org.cairn.contracts.events;

import java.time.Instant;
import org.cairn.contracts.vocabulary.AuditAlertRule;

/**
 * The audit trail shows a pattern an agency's supervisors should look at; raised once per user, rule
 * and hour. Carries no client ids: the supervisor looks the user up in the audit service.
 *
 * @param alertId the alert
 * @param rule what fired
 * @param agencyId the agency of the user
 * @param userId the user whose accesses it is about
 * @param windowStart the start of the hour the accesses fell in
 * @param count how many (distinct clients, or refused accesses) within the hour before the last one
 * @param threshold the number it went past
 * @param raisedAt when
 */
@EventType(name = "cairn.audit.alert-raised.v1", topic = Topics.AUDIT_ALERTS)
public record AuditAlertRaisedV1(
        String alertId,
        AuditAlertRule rule,
        String agencyId,
        String userId,
        Instant windowStart,
        int count,
        int threshold,
        Instant raisedAt) {}
