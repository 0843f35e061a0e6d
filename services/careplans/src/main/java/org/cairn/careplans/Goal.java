package org.cairn.careplans;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.GoalStatus;

/** A goal of a care plan: a need domain, a SMART statement and a measurable target. */
@Entity
@Table(name = "goal")
public class Goal extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID planId;
    public String needDomain;
    public String statement;
    public String target;
    public LocalDate targetDate;
    public String priority;
    public String status;
    public String statusReason;
    public UUID suggestionId;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;

    public GoalStatus status() {
        return Coded.fromCode(GoalStatus.class, status);
    }
}
