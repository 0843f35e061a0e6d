package org.cairn.assessments;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A published instrument version as stored: its definition, who published it and when. Never updated. */
@Entity
@Table(name = "instrument")
@IdClass(InstrumentVersion.Key.class)
public class InstrumentVersion extends PanacheEntityBase {

    @Id
    public String instrumentId;

    @Id
    public String version;

    public String title;
    public String sensitivity;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "definition::text", write = "cast(cast(? as text) as jsonb)")
    public String definition;

    public Instant publishedAt;
    public String publishedBy;
    public String publisherAgencyId;

    public record Key(String instrumentId, String version) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
