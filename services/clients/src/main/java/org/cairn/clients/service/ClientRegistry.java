package org.cairn.clients.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cairn.clients.Client;
import org.cairn.clients.ClientAccess;
import org.cairn.clients.Codes;
import org.cairn.clients.rest.ClientRegistration;
import org.cairn.contracts.events.ClientRegisteredV1;
import org.cairn.contracts.events.ClientUpdatedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.audit.AuditEntry;
import org.cairn.platform.audit.AuditTrail;
import org.cairn.platform.outbox.Outbox;
import org.cairn.platform.outbox.OutboxMessage;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.Problems;

/**
 * Registers clients and reads them back, always within what the caller's agency may see. A
 * registration checks for duplicates first, and writes the client, the registering agency's access,
 * the {@code cairn.client.registered.v1} event and the audit record in one transaction.
 */
@ApplicationScoped
public class ClientRegistry {

    static final String RESOURCE = "client";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{7,25}");

    private final DuplicateFinder duplicates;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Pool pool;

    ClientRegistry(DuplicateFinder duplicates, Outbox outbox, AuditTrail audit, Pool pool) {
        this.duplicates = duplicates;
        this.outbox = outbox;
        this.audit = audit;
        this.pool = pool;
    }

    /** Looks for possible duplicates without registering anything. */
    public Uni<DuplicateCheck> check(Caller caller, ClientRegistration registration) {
        validate(registration);
        return duplicates.find(caller.agencyId(), registration).call(this::audited);
    }

    /** Candidates shown to the caller are client data seen: a search, and each candidate viewed. */
    private Uni<Void> audited(DuplicateCheck found) {
        Uni<Void> chain = audit.record(AuditEntry.of(AuditAction.SEARCHED, RESOURCE, null, null));
        for (DuplicateCandidate candidate : found.candidates()) {
            chain = chain.chain(() -> audit.record(
                    AuditEntry.of(AuditAction.VIEWED, RESOURCE, candidate.clientId(), candidate.clientId())));
        }
        return chain;
    }

    public Uni<Client> register(Caller caller, ClientRegistration registration) {
        validate(registration);
        if (registration.registerDespiteMatches()) {
            // The caller has seen the candidates and decided; looking again would show them nothing.
            return Panache.withTransaction(() -> persist(caller, registration));
        }
        return duplicates.find(caller.agencyId(), registration).chain(found -> {
            if (found.any()) {
                return audited(found).chain(() -> Uni.createFrom().<Client>failure(possibleDuplicates(found)));
            }
            return Panache.withTransaction(() -> persist(caller, registration));
        });
    }

    /** A client with the other records of the same person that the reader's agency may see. */
    public record Person(Client client, List<Client> linked) {}

    /**
     * The client, if the caller's agency may see them; otherwise 404, exactly as if there were none.
     * The hottest read of the suite, so it is one statement on the pool, with no Hibernate session:
     * the client, both collections as JSON, and the number of their identity links. Only a client who
     * has links takes a second trip, for the linked records the agency may see.
     */
    public Uni<Person> get(Caller caller, UUID id) {
        return pool.preparedQuery(VISIBLE_CLIENT)
                .execute(Tuple.of(id, caller.agencyId()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().<Person>failure(Problems.notFound(RESOURCE, id));
                    }
                    Row row = rows.iterator().next();
                    Client client = client(row);
                    return row.getLong("links") == 0
                            ? Uni.createFrom().item(new Person(client, List.of()))
                            : Panache.withSession(() -> IdentityLinks.linkedVisible(caller, id))
                                    .map(linked -> new Person(client, linked));
                })
                .call(person -> {
                    Uni<Void> all =
                            audit.record(AuditEntry.of(AuditAction.VIEWED, RESOURCE, id.toString(), id.toString()));
                    for (Client linked : person.linked()) {
                        String linkedId = linked.id.toString();
                        all = all.chain(
                                () -> audit.record(AuditEntry.of(AuditAction.VIEWED, RESOURCE, linkedId, linkedId)));
                    }
                    return all;
                });
    }

    /** A client with both collections and their current link count, if agency $2 may see them. */
    static final String VISIBLE_CLIENT = """
            select c.id, c.given_name, c.family_name, c.preferred_name, c.birth_date, c.estimated_birth_year,
                   c.gender_identity, c.sex_at_birth, c.preferred_language, c.interpreter_needed,
                   c.preferred_contact_method, c.safe_to_leave_messages, c.address_line, c.address_city,
                   c.address_region, c.address_postal_code, c.registered_by_agency, c.created_at, c.updated_at,
                   c.version,
                   (select coalesce(json_agg(json_build_array(p.system, p.value, p.use, p.normalized)
                                             order by p.position), '[]')
                    from client_contact_point p where p.client_id = c.id)::text as contact_points,
                   (select coalesce(json_agg(json_build_array(i.type, i.issuer, i.value) order by i.position), '[]')
                    from client_identifier i where i.client_id = c.id)::text as identifiers,
                   (select count(*) from identity_link l
                    where l.unlinked_at is null and (l.client_id = c.id or l.other_client_id = c.id)) as links
            from client c
            where c.id = $1 and exists (select 1 from client_access a where a.client_id = c.id and a.agency_id = $2)""";

    /** The client of a {@link #VISIBLE_CLIENT} row, detached: for showing, never for changing. */
    static Client client(Row row) {
        Client c = new Client();
        c.id = row.getUUID("id");
        c.givenName = row.getString("given_name");
        c.familyName = row.getString("family_name");
        c.preferredName = row.getString("preferred_name");
        c.birthDate = row.getLocalDate("birth_date");
        c.estimatedBirthYear = row.getInteger("estimated_birth_year");
        c.genderIdentity = row.getString("gender_identity");
        c.sexAtBirth = row.getString("sex_at_birth");
        c.preferredLanguage = row.getString("preferred_language");
        c.interpreterNeeded = row.getBoolean("interpreter_needed");
        c.preferredContactMethod = row.getString("preferred_contact_method");
        c.safeToLeaveMessages = row.getBoolean("safe_to_leave_messages");
        c.addressLine = row.getString("address_line");
        c.addressCity = row.getString("address_city");
        c.addressRegion = row.getString("address_region");
        c.addressPostalCode = row.getString("address_postal_code");
        c.registeredByAgency = row.getString("registered_by_agency");
        c.createdAt = row.getOffsetDateTime("created_at").toInstant();
        c.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        c.version = row.getInteger("version");
        for (Object item : new JsonArray(row.getString("contact_points"))) {
            JsonArray fields = (JsonArray) item;
            Client.ContactPoint point = new Client.ContactPoint();
            point.system = fields.getString(0);
            point.value = fields.getString(1);
            point.use = fields.getString(2);
            point.normalized = fields.getString(3);
            c.contactPoints.add(point);
        }
        for (Object item : new JsonArray(row.getString("identifiers"))) {
            JsonArray fields = (JsonArray) item;
            Client.Identifier identifier = new Client.Identifier();
            identifier.type = fields.getString(0);
            identifier.issuer = fields.getString(1);
            identifier.value = fields.getString(2);
            c.identifiers.add(identifier);
        }
        return c;
    }

    /**
     * Fails with 404 for the first of these clients the caller's agency may not see: the one check
     * every endpoint that takes a client id makes before it reads or writes anything.
     */
    public static Uni<Void> requireVisible(Caller caller, Set<UUID> clientIds) {
        return ClientAccess.<ClientAccess>list("agencyId = ?1 and clientId in ?2", caller.agencyId(), clientIds)
                .chain(access -> {
                    Set<UUID> visible = new HashSet<>();
                    access.forEach(a -> visible.add(a.clientId));
                    for (UUID id : clientIds) {
                        if (!visible.contains(id)) {
                            return Uni.createFrom().failure(Problems.notFound(RESOURCE, id));
                        }
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    public static Uni<Void> requireVisible(Caller caller, UUID clientId) {
        return requireVisible(caller, Set.of(clientId));
    }

    static Uni<Boolean> visible(String agencyId, UUID clientId) {
        return ClientAccess.count("clientId = ?1 and agencyId = ?2", clientId, agencyId)
                .map(n -> n > 0);
    }

    /** Copies a registration's fields onto a client, normalised; returns the names of the fields that changed. */
    static List<String> apply(Client client, ClientRegistration r) {
        Map<String, Object> before = snapshot(client);
        client.givenName = r.name().given().strip();
        client.familyName = r.name().family().strip();
        client.preferredName = blankToNull(r.name().preferred());
        client.birthDate = r.birthDate();
        client.estimatedBirthYear = r.estimatedBirthYear();
        client.genderIdentity = code(r.genderIdentity());
        client.sexAtBirth = code(r.sexAtBirth());
        client.preferredLanguage = blankToNull(r.preferredLanguage());
        client.interpreterNeeded = Boolean.TRUE.equals(r.interpreterNeeded());
        client.preferredContactMethod = code(r.preferredContactMethod());
        client.safeToLeaveMessages = Boolean.TRUE.equals(r.safeToLeaveMessages());
        client.addressLine =
                r.address() == null ? null : blankToNull(r.address().line());
        client.addressCity =
                r.address() == null ? null : blankToNull(r.address().city());
        client.addressRegion =
                r.address() == null ? null : blankToNull(r.address().region());
        client.addressPostalCode =
                r.address() == null ? null : blankToNull(r.address().postalCode());
        client.contactPoints.clear();
        for (ClientRegistration.ContactPointData data : r.contactPoints()) {
            Client.ContactPoint point = new Client.ContactPoint();
            point.system = data.system().code();
            point.value = data.value().strip();
            point.use = code(data.use());
            point.normalized = ContactNormalizer.normalize(data.system(), data.value());
            client.contactPoints.add(point);
        }
        client.identifiers.clear();
        for (ClientRegistration.IdentifierData data : r.identifiers()) {
            Client.Identifier identifier = new Client.Identifier();
            identifier.type = data.type().code();
            identifier.issuer = data.issuer().strip();
            identifier.value = data.value();
            client.identifiers.add(identifier);
        }
        Map<String, Object> after = snapshot(client);
        return after.keySet().stream()
                .filter(k -> !java.util.Objects.equals(before.get(k), after.get(k)))
                .toList();
    }

    /** The comparable state of a client, by the field names the API uses. */
    private static Map<String, Object> snapshot(Client c) {
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("name", java.util.Arrays.asList(c.givenName, c.familyName, c.preferredName));
        state.put("birthDate", java.util.Arrays.asList(c.birthDate, c.estimatedBirthYear));
        state.put("genderIdentity", c.genderIdentity);
        state.put("sexAtBirth", c.sexAtBirth);
        state.put("preferredLanguage", java.util.Arrays.asList(c.preferredLanguage, c.interpreterNeeded));
        state.put("preferredContactMethod", java.util.Arrays.asList(c.preferredContactMethod, c.safeToLeaveMessages));
        state.put(
                "address", java.util.Arrays.asList(c.addressLine, c.addressCity, c.addressRegion, c.addressPostalCode));
        state.put(
                "contactPoints",
                c.contactPoints.stream()
                        .map(p -> p.system + "|" + p.value + "|" + p.use)
                        .toList());
        state.put(
                "identifiers",
                c.identifiers.stream()
                        .map(i -> i.type + "|" + i.issuer + "|" + i.value)
                        .toList());
        return state;
    }

    /**
     * Replaces a client's registry data. {@code expectedVersion} is the version the caller last read
     * (from If-Match): a client changed in between answers 412, so nobody overwrites what they did
     * not see.
     */
    public Uni<Client> update(Caller caller, UUID id, int expectedVersion, ClientRegistration r) {
        validate(r);
        return Panache.withTransaction(() -> visible(caller.agencyId(), id)
                .chain(visible ->
                        visible ? Client.<Client>findById(id) : Uni.createFrom().nullItem())
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound(RESOURCE, id))
                .chain(client -> {
                    if (client.version != expectedVersion) {
                        return Uni.createFrom()
                                .failure(new ProblemException(
                                        412,
                                        "stale-version",
                                        "Precondition failed",
                                        "The client changed since version " + expectedVersion + "; it is at version "
                                                + client.version + ". Read it again.",
                                        null));
                    }
                    List<String> changed = apply(client, r);
                    if (changed.isEmpty()) {
                        return Uni.createFrom().item(client);
                    }
                    client.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    String clientId = client.id.toString();
                    return Panache.getSession()
                            .chain(session -> session.flush())
                            .chain(() -> outbox.add(new OutboxMessage(
                                    RESOURCE,
                                    clientId,
                                    caller.agencyId(),
                                    new ClientUpdatedV1(
                                            clientId, caller.agencyId(), client.updatedAt, changed, client.version))))
                            .call(() -> audit.record(AuditEntry.of(AuditAction.UPDATED, RESOURCE, clientId, clientId)))
                            .replaceWith(client);
                }));
    }

    private Uni<Client> persist(Caller caller, ClientRegistration r) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Client client = new Client();
        client.id = UUID.randomUUID();
        apply(client, r);
        client.registeredByAgency = caller.agencyId();
        client.createdAt = now;
        client.updatedAt = now;
        String clientId = client.id.toString();
        return client.<Client>persist()
                .call(() -> ClientAccess.of(client.id, caller.agencyId(), ClientAccess.Reason.REGISTERED, now)
                        .persist())
                .call(() -> outbox.add(new OutboxMessage(
                        RESOURCE,
                        clientId,
                        caller.agencyId(),
                        new ClientRegisteredV1(clientId, caller.agencyId(), now))))
                .call(() -> audit.record(AuditEntry.of(AuditAction.CREATED, RESOURCE, clientId, clientId)));
    }

    /** Rules that span fields, beyond what the annotations say. Every violation is listed at once. */
    static void validate(ClientRegistration r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.birthDate() != null && r.estimatedBirthYear() != null) {
            errors.add(new Problem.FieldError(
                    "estimatedBirthYear", "give a birth date or an estimated birth year, not both"));
        }
        if (r.estimatedBirthYear() != null
                && r.estimatedBirthYear() > Year.now().getValue()) {
            errors.add(new Problem.FieldError("estimatedBirthYear", "must not be in the future"));
        }
        if (r.birthDate() != null && r.birthDate().getYear() < 1900) {
            errors.add(new Problem.FieldError("birthDate", "must be after 1900"));
        }
        for (int i = 0; i < r.contactPoints().size(); i++) {
            ClientRegistration.ContactPointData point = r.contactPoints().get(i);
            boolean ok = point.system() == Codes.ContactSystem.EMAIL
                    ? EMAIL.matcher(point.value().strip()).matches()
                    : PHONE.matcher(point.value().strip()).matches();
            if (!ok) {
                errors.add(new Problem.FieldError(
                        "contactPoints[" + i + "].value",
                        "is not a valid " + point.system().code()));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.identifiers().size(); i++) {
            ClientRegistration.IdentifierData id = r.identifiers().get(i);
            if (!id.type().accepts(id.value())) {
                errors.add(new Problem.FieldError(
                        "identifiers[" + i + "].value",
                        "is not a valid " + id.type().code()));
            }
            if (!seen.add(id.type().code() + "|" + id.issuer().strip())) {
                errors.add(new Problem.FieldError(
                        "identifiers[" + i + "]", "a second identifier of the same type and issuer"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
    }

    private static ProblemException possibleDuplicates(DuplicateCheck found) {
        return new ProblemException(
                409,
                "possible-duplicates",
                "Possible duplicates",
                "This person may already be registered. Look at the candidates; link to one, or register"
                        + " again with registerDespiteMatches set.",
                null,
                Map.of("candidates", found.candidates(), "elsewhereInNetwork", found.elsewhereInNetwork()));
    }

    private static String code(org.cairn.contracts.vocabulary.Coded value) {
        return value == null ? null : value.code();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
