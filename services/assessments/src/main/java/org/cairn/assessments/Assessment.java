package org.cairn.assessments;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One administration of an instrument to a client in a case: answers saved as they come, then
 * completed and scored against the exact instrument version it was started with. A completed
 * assessment is never changed; a correction is a new row that {@link #amendsId amends} it, and the
 * corrected one keeps its answers and result with status {@code amended}.
 */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntityBase {

    public static final String IN_PROGRESS = "in-progress";
    public static final String COMPLETED = "completed";
    public static final String AMENDED = "amended";

    @Id
    public UUID id;

    public String agencyId;
    public UUID clientId;
    public UUID caseId;
    public String instrumentId;
    public String instrumentVersion;
    public String status;

    /** The answers as a JSON object of item link id to answer. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "answers::text", write = "cast(cast(? as text) as jsonb)")
    public String answers;

    /** The scored {@link org.cairn.assessments.instrument.Result}, as JSON, once completed. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "result::text", write = "cast(cast(? as text) as jsonb)")
    public String result;

    public String startedBy;
    public Instant startedAt;
    public String completedBy;
    public Instant completedAt;

    /** When the client gave the answers: the first version's completion, kept by amendments. */
    public Instant administeredAt;

    public UUID originalId;
    public UUID amendsId;
    public String amendmentReason;
    public int amendment;
    public Instant updatedAt;

    public boolean inProgress() {
        return IN_PROGRESS.equals(status);
    }
}
