package org.cairn.clients.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cairn.clients.CareCase;

/** A case as its agency sees it. */
public record CaseView(
        String id,
        String clientId,
        String program,
        String status,
        LocalDate openedOn,
        String openedReason,
        LocalDate closedOn,
        String closedReason,
        String primaryCaseManagerId,
        String priority,
        String riskLevel,
        Crisis crisis,
        List<TeamMemberView> careTeam,
        Instant updatedAt,
        int version) {

    /** Present while the case is flagged as in crisis. */
    public record Crisis(String reason, Instant since) {}

    public record TeamMemberView(String userId, String role) {}

    public static CaseView of(CareCase c) {
        return new CaseView(
                c.id.toString(),
                c.clientId.toString(),
                c.program,
                c.status,
                c.openedOn,
                c.openedReason,
                c.closedOn,
                c.closedReason,
                c.primaryCaseManagerId,
                c.priority,
                c.riskLevel,
                c.crisis ? new Crisis(c.crisisReason, c.crisisAt) : null,
                c.careTeam.stream()
                        .map(m -> new TeamMemberView(m.userId, m.role))
                        .toList(),
                c.updatedAt,
                c.version);
    }
}
