package org.cairn.clients.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cairn.clients.Consent;

/** A consent, with its status today. */
public record ConsentView(
        String id,
        String clientId,
        String recordedByAgency,
        String grantorType,
        String guardianClientId,
        String recipientAgencyId,
        String purpose,
        List<String> categories,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        String evidenceType,
        String evidenceReference,
        String witness,
        String status,
        Instant revokedAt,
        Instant createdAt) {

    public static ConsentView of(Consent c) {
        return new ConsentView(
                c.id.toString(),
                c.clientId.toString(),
                c.recordedByAgency,
                c.grantorType,
                c.guardianClientId == null || c.guardianHidden ? null : c.guardianClientId.toString(),
                c.recipientAgencyId,
                c.purpose,
                c.categoryCodes(),
                c.effectiveFrom,
                c.effectiveTo,
                c.evidenceType,
                c.evidenceReference,
                c.witness,
                c.status(LocalDate.now()),
                c.revokedAt,
                c.createdAt);
    }
}
