package org.cairn.clients;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A client's consent to share categories of their information with an agency (or the whole
 * network) for a purpose, for a period. Whether it applies is decided at the moment of each read:
 * a revocation, or the end of the period, takes effect at once.
 */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID clientId;
    public String recordedByAgency;
    public String grantorType;
    public UUID guardianClientId;
    /** Null for the whole network. */
    public String recipientAgencyId;

    public String purpose;
    /** Sensitivity category codes, comma-separated. */
    public String categories;

    public LocalDate effectiveFrom;
    public LocalDate effectiveTo;
    public String evidenceType;
    public String evidenceReference;
    public String witness;
    public Instant revokedAt;
    public String revokedBy;
    public String revocationReason;
    public boolean expiryAnnounced;
    public Instant createdAt;

    /** Set on a read for an agency that may not see the guardian; never stored. */
    @jakarta.persistence.Transient
    public boolean guardianHidden;

    public List<String> categoryCodes() {
        return Arrays.asList(categories.split(","));
    }

    /** active, revoked, expired, or pending (not yet in force). */
    public String status(LocalDate today) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (effectiveTo != null && today.isAfter(effectiveTo)) {
            return "expired";
        }
        if (today.isBefore(effectiveFrom)) {
            return "pending";
        }
        return "active";
    }

    /** Whether, today, it lets {@code agencyId} see information of {@code category}. */
    public boolean covers(String agencyId, String category, LocalDate today) {
        return "active".equals(status(today))
                && (recipientAgencyId == null || recipientAgencyId.equals(agencyId))
                && categoryCodes().contains(category);
    }
}
