package org.cairn.clients;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** That two client records are the same person. Undone by setting {@code unlinkedAt}; never deleted. */
@Entity
@Table(name = "identity_link")
public class IdentityLink extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID clientId;
    public UUID otherClientId;
    public String linkedByAgency;
    public Instant linkedAt;
    public Instant unlinkedAt;
    public String unlinkedBy;

    public UUID other(UUID one) {
        return one.equals(clientId) ? otherClientId : clientId;
    }
}
