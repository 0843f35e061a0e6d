package org.cairn.clients;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One version of a note on a case. Never updated: an amendment is a new version. */
@Entity
@Table(name = "case_note")
public class CaseNote extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID caseId;
    public UUID clientId;
    public String agencyId;
    public String noteType;
    public LocalDate contactDate;
    public String authorId;
    public String authorName;
    public String text;
    public String sensitivity;
    public int version;
    public UUID amendsId;
    public Instant createdAt;
}
