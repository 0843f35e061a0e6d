package org.cairn.referrals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.ReferralTaskStatus;
import org.hibernate.annotations.ColumnTransformer;

/** One client's case at the sending agency referred to a receiving agency for one need. */
@Entity
@Table(name = "referral")
public class Referral extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID clientId;
    public UUID caseId;
    public String sendingAgencyId;
    public String receivingAgencyId;

    /** The directory service it is addressed to, if any, and its name when it was sent. */
    public UUID serviceId;

    public String serviceName;
    public String eligibilityOverride;
    public String needDomain;
    public String urgency;
    public String reason;

    /** The packet's items as JSON: what the sender chose to send. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "packet::text", write = "cast(cast(? as text) as jsonb)")
    public String packet;

    public String status;
    public UUID consentId;
    public String program;

    /** How it ended (a coded rejection reason, or what became of it once accepted). */
    public String outcome;

    /** Who at the receiving agency works it. */
    public String assigneeUserId;

    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;

    /** When the receiving agency's answer is due (set when it is sent). */
    public Instant respondBy;

    /** When it was escalated for want of an answer: written by the escalation alone. */
    @Column(insertable = false, updatable = false)
    public Instant escalatedAt;

    @Version
    public int version;

    public ReferralTaskStatus status() {
        return Coded.fromCode(ReferralTaskStatus.class, status);
    }
}
