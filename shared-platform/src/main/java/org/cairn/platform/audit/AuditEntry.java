package org.cairn.platform.audit;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.ConsentPurpose;

/**
 * What a service tells the audit trail about one access or change: the action and the data it
 * touched, named by type and id, never by content. Who did it comes from the request's token.
 *
 * @param action what was done
 * @param resourceType the kind of record ({@code client}, {@code case-note}, ...)
 * @param resourceId the record's id; absent for a search
 * @param clientId the client whose data it is; absent when no single client is concerned
 * @param purpose the declared purpose of use, if any
 * @param reason a short justification (an emergency access, a disclosure), if any
 * @param consentIds the consents under which another agency's actor saw the data, if it was a
 *     disclosure (empty otherwise)
 */
public record AuditEntry(
        AuditAction action,
        String resourceType,
        String resourceId,
        String clientId,
        ConsentPurpose purpose,
        String reason,
        List<String> consentIds) {

    public AuditEntry {
        consentIds = consentIds == null ? List.of() : List.copyOf(consentIds);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        if (reason != null && reason.length() > 1000) {
            reason = reason.substring(0, 1000);
        }
    }

    public static AuditEntry of(AuditAction action, String resourceType, String resourceId, String clientId) {
        return new AuditEntry(action, resourceType, resourceId, clientId, null, null, List.of());
    }

    /**
     * The client every listed item belongs to, or null when the list is empty or spans several
     * clients: a list of one client's records (a case's appointments, say) is an access to that
     * client's data, and its record must be found among theirs.
     */
    public static <T> String soleClient(Collection<T> items, Function<T, ?> clientOf) {
        Object only = null;
        for (T item : items) {
            Object client = clientOf.apply(item);
            if (client == null || (only != null && !only.equals(client))) {
                return null;
            }
            only = client;
        }
        return only == null ? null : only.toString();
    }

    public AuditEntry because(ConsentPurpose purpose, String reason) {
        return new AuditEntry(action, resourceType, resourceId, clientId, purpose, reason, consentIds);
    }

    /** The same access, as a disclosure to the actor's agency under these consents. */
    public AuditEntry underConsents(List<String> consents) {
        return new AuditEntry(action, resourceType, resourceId, clientId, purpose, reason, consents);
    }
}
