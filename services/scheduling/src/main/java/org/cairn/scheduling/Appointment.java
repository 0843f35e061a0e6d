package org.cairn.scheduling;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.cairn.contracts.vocabulary.AppointmentStatus;
import org.cairn.contracts.vocabulary.Coded;

/** One appointment of an agency with a client. Participants and reminders live in their own tables. */
@Entity
@Table(name = "appointment")
public class Appointment extends PanacheEntityBase {

    @Id
    public UUID id;

    public String agencyId;
    public UUID clientId;
    public UUID caseId;
    public String clientInitials;
    public String organizerId;
    public String kind;
    public String mode;
    public String location;
    public String videoUrl;
    public Instant startsAt;
    public Instant endsAt;
    public String timeZone;
    public String status;
    public String statusReason;
    public String notes;
    public UUID seriesId;
    public UUID rescheduledFrom;
    public UUID rescheduledTo;
    public String conflictOverride;
    public String proposedFor;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;

    @Version
    public int version;

    public AppointmentStatus status() {
        return Coded.fromCode(AppointmentStatus.class, status);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public LocalDateTime localStart() {
        return LocalDateTime.ofInstant(startsAt, zone());
    }

    public LocalDateTime localEnd() {
        return LocalDateTime.ofInstant(endsAt, zone());
    }
}
