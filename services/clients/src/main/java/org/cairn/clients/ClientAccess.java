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

/**
 * That an agency may see a client, and why. Every read of client data is scoped through it, so an
 * agency without a row for a client gets 404 for everything about that client.
 */
@Entity
@Table(name = "client_access")
@IdClass(ClientAccess.Key.class)
public class ClientAccess extends PanacheEntityBase {

    /** Why an agency may see a client. */
    public enum Reason {
        /** The agency registered the client. */
        REGISTERED,
        /** The agency has a case with the client. */
        CASE,
        /** A consent and an accepted referral granted access. */
        GRANT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    public UUID clientId;

    @Id
    public String agencyId;

    @Id
    public String reason;

    public Instant grantedAt;

    public static ClientAccess of(UUID clientId, String agencyId, Reason reason, Instant at) {
        ClientAccess access = new ClientAccess();
        access.clientId = clientId;
        access.agencyId = agencyId;
        access.reason = reason.code();
        access.grantedAt = at;
        return access;
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID clientId;
        public String agencyId;
        public String reason;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(clientId, k.clientId)
                    && Objects.equals(agencyId, k.agencyId)
                    && Objects.equals(reason, k.reason);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, agencyId, reason);
        }
    }
}
