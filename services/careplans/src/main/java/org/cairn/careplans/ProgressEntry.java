package org.cairn.careplans;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A dated note of how a plan, a goal or an intervention is going, by whom, with an optional measurement. */
@Entity
@Table(name = "progress_entry")
public class ProgressEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID planId;
    public UUID goalId;
    public UUID interventionId;
    public LocalDate entryDate;
    public String authorId;
    public String text;
    public BigDecimal measurementValue;
    public String measurementLabel;
    public Instant createdAt;
}
