package org.cairn.careplans;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** One version of a plan as it read after a change: who changed what, when, and the whole plan then. */
@Entity
@Table(name = "care_plan_version")
@IdClass(PlanVersion.Key.class)
public class PlanVersion extends PanacheEntityBase {

    @Id
    public UUID planId;

    @Id
    public int version;

    public String change;
    public String changedBy;
    public Instant changedAt;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "snapshot::text", write = "cast(cast(? as text) as jsonb)")
    public String snapshot;

    public record Key(UUID planId, int version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
