package org.cairn.assessments;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** How many days after the last completed one an instrument is due again in cases of a program. */
@Entity
@Table(name = "reassessment_schedule")
@IdClass(ReassessmentSchedule.Key.class)
public class ReassessmentSchedule extends PanacheEntityBase {

    @Id
    public String instrumentId;

    @Id
    public String program;

    public int intervalDays;

    public record Key(String instrumentId, String program) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
