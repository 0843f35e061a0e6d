package org.cairn.scheduling;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A staff member's time away: no appointment is offered then, and booking one over it is a clash. */
@Entity
@Table(name = "time_off")
public class TimeOff extends PanacheEntityBase {

    @Id
    public UUID id;

    public String userId;
    public String agencyId;
    public Instant startsAt;
    public Instant endsAt;
    public String reason;
    public Instant createdAt;
}
