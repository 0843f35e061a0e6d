package org.cairn.careplans;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.cairn.contracts.vocabulary.CarePlanStatus;
import org.cairn.contracts.vocabulary.Coded;

/** What a case manager and client agreed to work on in one case, and where its approval stands. */
@Entity
@Table(name = "care_plan")
public class CarePlan extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID caseId;
    public UUID clientId;
    public String agencyId;
    public String status;
    public LocalDate periodStart;
    public LocalDate periodEnd;
    public String clientWords;
    public int reviewEveryDays;
    public LocalDate nextReviewOn;
    public LocalDate reviewDueToldOn;
    public int version;
    public String createdBy;
    public Instant createdAt;
    public String submittedBy;
    public Instant submittedAt;
    public String decidedBy;
    public Instant decidedAt;
    public String returnComment;
    public Instant updatedAt;

    public CarePlanStatus status() {
        return Coded.fromCode(CarePlanStatus.class, status);
    }

    /** Whether a supervisor has approved this plan at least once (a review then follows, not a draft). */
    public boolean approvedBefore() {
        return nextReviewOn != null;
    }
}
