package org.cairn.assessments.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cairn.assessments.Assessment;
import org.cairn.contracts.vocabulary.Role;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.consents.ConsentDirectory;
import org.cairn.platform.problem.Problems;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Who may read an assessment. Its own agency's staff who work cases or oversee them; another agency
 * only while it serves the client (an open case, which an accepted referral also opens) and an
 * active consent names it, or the whole network, for the instrument's sensitivity category
 * (behavioral health for PHQ-9, GAD-7 and the C-SSRS). Anyone else is told the assessment does not
 * exist.
 */
@ApplicationScoped
public class AssessmentAccess {

    /** Roles that read their own agency's assessments. */
    static final Set<Role> OWN_READERS =
            Set.of(Role.INTAKE_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR, Role.PROGRAM_DIRECTOR, Role.AUDITOR);

    /** Roles that read another agency's assessments where a consent allows it. */
    static final Set<Role> SHARED_READERS =
            Set.of(Role.INTAKE_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR, Role.PARTNER_PROVIDER);

    /** Roles that start, answer, complete and amend their agency's assessments. */
    static final Set<Role> WRITERS = Set.of(Role.INTAKE_WORKER, Role.CASE_MANAGER, Role.SUPERVISOR);

    /**
     * The condition under which agency {@code :agency} may read assessment {@code a} of another agency:
     * it serves the client, and a consent in force covers the instrument's category.
     */
    static final String SHARED = "exists (select 1 from case_projection c where c.client_id = a.client_id"
            + " and c.agency_id = :agency and c.status <> 'closed')"
            + " and exists (select 1 from consent_projection k join instrument i"
            + " on i.instrument_id = a.instrument_id and i.version = a.instrument_version"
            + " where k.client_id = a.client_id and " + ConsentDirectory.IN_FORCE + " and "
            + ConsentDirectory.FOR_AGENCY
            + " and i.sensitivity = any (k.categories))";

    static boolean any(Caller caller, Set<Role> roles) {
        return roles.stream().anyMatch(caller::hasRole);
    }

    /**
     * Answers 404 for a client the caller's agency has never had a case with: an empty list would
     * tell as little, but every id of another agency's client answers alike this way.
     */
    public Uni<Void> requireKnownClient(Caller caller, UUID clientId) {
        return exists(
                        "select count(*) from case_projection where client_id = :client and agency_id = :agency",
                        "client",
                        clientId,
                        caller)
                .map(known -> {
                    if (!known) {
                        throw Problems.notFound("client", clientId);
                    }
                    return null;
                });
    }

    /**
     * Rows of a query over one client's assessments that the caller may see: {@code sql} takes
     * {@code :client}, {@code :agency}, and {@code :own} / {@code :shared} (whether the caller's roles
     * read their own agency's, or others' under consent); {@code bind} sets the rest. No row for a
     * client the agency has never served is a 404, as for any other agency's id.
     */
    public Uni<List<Object[]>> clientRows(
            Caller caller, UUID clientId, String sql, UnaryOperator<Mutiny.SelectionQuery<Object[]>> bind) {
        boolean own = any(caller, OWN_READERS);
        boolean shared = any(caller, SHARED_READERS);
        if (!own && !shared) {
            return Uni.createFrom().failure(Problems.notFound("client", clientId));
        }
        return Panache.withSession(() -> Panache.getSession()
                .chain(s -> bind.apply(s.createNativeQuery(sql, Object[].class)
                                .setParameter("client", clientId)
                                .setParameter("agency", caller.agencyId())
                                .setParameter("own", own)
                                .setParameter("shared", shared))
                        .getResultList())
                // Nothing visible: the client may still be one the agency serves, or not.
                .call(rows -> rows.isEmpty()
                        ? requireKnownClient(caller, clientId)
                        : Uni.createFrom().voidItem()));
    }

    /** The assessment if the caller may read it; 404 otherwise. */
    public Uni<Assessment> readable(Caller caller, UUID id) {
        return Assessment.<Assessment>findById(id).chain(a -> {
            if (a == null) {
                return Uni.createFrom().failure(Problems.notFound("assessment", id));
            }
            if (a.agencyId.equals(caller.agencyId())) {
                return any(caller, OWN_READERS)
                        ? Uni.createFrom().item(a)
                        : Uni.createFrom().failure(Problems.notFound("assessment", id));
            }
            if (!any(caller, SHARED_READERS) || a.inProgress()) {
                return Uni.createFrom().failure(Problems.notFound("assessment", id));
            }
            return exists("select count(*) from assessment a where a.id = :id and " + SHARED, "id", id, caller)
                    .map(shared -> {
                        if (!shared) {
                            throw Problems.notFound("assessment", id);
                        }
                        return a;
                    });
        });
    }

    /**
     * The consents under which the caller's agency reads another agency's assessment (for the audit
     * record of that disclosure); empty for the agency's own. Within the caller's session.
     */
    public Uni<List<String>> disclosedUnder(Caller caller, Assessment a) {
        if (a.agencyId.equals(caller.agencyId())) {
            return Uni.createFrom().item(List.of());
        }
        return disclosedUnder(caller, a.clientId, List.of(instrumentKey(a.instrumentId, a.instrumentVersion)));
    }

    /** How {@link #disclosedUnder(Caller, UUID, Collection)} names an instrument version. */
    public static String instrumentKey(String instrumentId, String version) {
        return instrumentId + "@" + version;
    }

    /**
     * The consents under which the caller's agency reads other agencies' assessments of a client on
     * the given instrument versions ({@link #instrumentKey}): those active today, for this agency or
     * every agency, naming the sensitivity of one of the instruments. Empty when there are none to
     * read. Within the caller's session.
     */
    public Uni<List<String>> disclosedUnder(Caller caller, UUID clientId, Collection<String> instrumentVersions) {
        if (instrumentVersions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select distinct cast(k.consent_id as text) from consent_projection k join instrument i"
                                        + " on concat(i.instrument_id, '@', i.version) in (:instruments)"
                                        + " where k.client_id = :client and " + ConsentDirectory.IN_FORCE
                                        + " and " + ConsentDirectory.FOR_AGENCY
                                        + " and i.sensitivity = any (k.categories) order by 1",
                                String.class)
                        .setParameter("instruments", List.copyOf(new java.util.TreeSet<>(instrumentVersions)))
                        .setParameter("client", clientId)
                        .setParameter("agency", caller.agencyId())
                        .getResultList());
    }

    /** Whether a count query with parameters {@code :<name>} and {@code :agency} (the caller's) counts any. */
    private static Uni<Boolean> exists(String countSql, String name, Object value, Caller caller) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(countSql)
                        .setParameter(name, value)
                        .setParameter("agency", caller.agencyId())
                        .getSingleResult())
                .map(n -> ((Number) n).longValue() > 0);
    }

    /** The caller's own agency's assessment, for a change; 404 for any other. */
    public Uni<Assessment> writable(Caller caller, UUID id) {
        if (!any(caller, WRITERS)) {
            return Uni.createFrom().failure(Problems.notFound("assessment", id));
        }
        // Locked: two completions or amendments of one assessment at once must not both succeed.
        return Assessment.<Assessment>find("id = ?1 and agencyId = ?2", id, caller.agencyId())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("assessment", id));
    }
}
