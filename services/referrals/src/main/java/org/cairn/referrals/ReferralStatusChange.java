package org.cairn.referrals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One move of a referral's task: who made it, for which agency, when, and why. */
@Entity
@Table(name = "referral_status_change")
public class ReferralStatusChange extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID referralId;
    public String fromStatus;
    public String toStatus;
    public String agencyId;
    public String changedBy;
    public String reason;
    public String outcome;
    public Instant changedAt;
}
