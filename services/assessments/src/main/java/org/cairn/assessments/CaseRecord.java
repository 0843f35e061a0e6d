package org.cairn.assessments;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A case as this service knows it from the clients service's events: enough to know whose case it
 * is, which program, and who manages it, without calling the clients service.
 */
@Entity
@Table(name = "case_projection")
public class CaseRecord extends PanacheEntityBase {

    public static final String CLOSED = "closed";

    @Id
    public UUID caseId;

    public UUID clientId;
    public String agencyId;
    public String program;
    public String status;
    public String primaryCaseManagerId;
    public LocalDate openedOn;
    public LocalDate closedOn;
    public Instant updatedAt;

    public boolean isOpen() {
        return !CLOSED.equals(status);
    }
}
