package org.cairn.careplans;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.contracts.vocabulary.InterventionStatus;

/** A task under a goal: what, who carries it out, by when, and the referral or appointment behind it. */
@Entity
@Table(name = "intervention")
public class Intervention extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID planId;
    public UUID goalId;
    public String what;
    public String responsible;
    public String responsibleId;
    public LocalDate dueDate;
    public String status;
    public String statusReason;
    public String referralId;
    public String appointmentId;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;

    public InterventionStatus status() {
        return Coded.fromCode(InterventionStatus.class, status);
    }
}
