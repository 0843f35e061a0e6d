package org.cairn.clients;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** People who live together and are served together. */
@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;
    public String createdByAgency;
    public Instant createdAt;

    /** A client's place in a household. */
    @Entity
    @Table(name = "household_member")
    @IdClass(Member.Key.class)
    public static class Member extends PanacheEntityBase {

        @Id
        public UUID householdId;

        @Id
        public UUID clientId;

        public String role;
        public Instant joinedAt;

        public static class Key implements Serializable {
            public UUID householdId;
            public UUID clientId;

            @Override
            public boolean equals(Object o) {
                return o instanceof Key k
                        && Objects.equals(householdId, k.householdId)
                        && Objects.equals(clientId, k.clientId);
            }

            @Override
            public int hashCode() {
                return Objects.hash(householdId, clientId);
            }
        }
    }
}
