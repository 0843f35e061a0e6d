package org.cairn.clients;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** "from is {type} to": parent of, guardian of, caregiver of, sibling of, partner of. */
@Entity
@Table(name = "client_relationship")
public class Relationship extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID fromClientId;
    public UUID toClientId;
    public String type;
    public boolean legalGuardian;
    public String recordedByAgency;
    public Instant createdAt;
    public Instant endedAt;
}
