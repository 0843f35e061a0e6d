package org.cairn.clients;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user of an agency, as their own token described them when they last used Cairn. */
@Entity
@Table(name = "staff_member")
public class StaffMember extends PanacheEntityBase {

    @Id
    public String userId;

    public String agencyId;
    public String username;
    /** Their Cairn roles, comma-separated codes. */
    public String roles;

    public Instant lastSeenAt;

    public boolean hasRole(String code) {
        return roles != null && (("," + roles + ",").contains("," + code + ","));
    }
}
