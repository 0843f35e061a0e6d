package org.cairn.clients;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One agency serving one client in one program: an episode of care. */
@Entity
@Table(name = "care_case")
public class CareCase extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID clientId;
    public String agencyId;
    public String program;
    public String status;
    public LocalDate openedOn;
    public String openedReason;
    public LocalDate closedOn;
    public String closedReason;
    public String primaryCaseManagerId;
    public String priority;
    public String riskLevel;
    public boolean crisis;
    public String crisisReason;
    public Instant crisisAt;
    public Instant createdAt;
    public Instant updatedAt;

    @Version
    public int version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "care_case_team", joinColumns = @JoinColumn(name = "case_id"))
    @OrderColumn(name = "position")
    public List<TeamMember> careTeam = new ArrayList<>();

    /** Someone on the case besides, or as well as, the primary case manager. */
    @Embeddable
    public static class TeamMember {
        public String userId;
        public String role;
    }

    public boolean isOpen() {
        return !"closed".equals(status);
    }
}
