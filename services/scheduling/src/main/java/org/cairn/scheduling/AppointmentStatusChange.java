package org.cairn.scheduling;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One status an appointment went to: from what, who moved it, when, why. */
@Entity
@Table(name = "appointment_status_change")
public class AppointmentStatusChange extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID appointmentId;
    public String fromStatus;
    public String toStatus;
    public String reason;
    public String changedBy;
    public Instant changedAt;
}
