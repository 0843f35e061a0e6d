package org.cairn.careplans;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A goal an assessment suggests for a case: a need it identified that the case's plan does not
 * cover. Nothing is added to a plan until the case manager accepts it.
 */
@Entity
@Table(name = "goal_suggestion")
public class GoalSuggestion extends PanacheEntityBase {

    public static final String OPEN = "open";

    @Id
    public UUID id;

    public UUID caseId;
    public UUID clientId;
    public String agencyId;
    public String needDomain;
    public String assessmentId;
    public String instrumentId;
    public String status;
    public String decidedBy;
    public Instant decidedAt;
    public Instant createdAt;
}
