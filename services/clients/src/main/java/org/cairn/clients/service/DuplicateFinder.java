package org.cairn.clients.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.cairn.clients.rest.ClientRegistration;

/**
 * Finds registered clients who may be the person being registered. Jaro-Winkler similarity of the
 * names (in both orders) scores each candidate with the birth date, phone and identifiers, and each
 * match carries its reasons. A candidate is shown to the caller when their agency may see the
 * client, or when a consent in force names their agency (or the network); any other match is
 * reported only as existing elsewhere.
 *
 * <p>The database narrows the field by index lookups only, and exactly to the clients that the
 * score can lift over {@link #THRESHOLD}: the name weighs at most 0.6, so a candidate needs a second
 * agreement. That is the same birth date (any name at 0.58 or more), the same birth year with the
 * very same name, the same phone or the same identifier; nobody else can reach 0.75 however alike
 * the names. A fuzzy trigram scan of every name in the registry (tens of milliseconds at 100,000
 * clients) would only add candidates that are then thrown away.
 */
@ApplicationScoped
public class DuplicateFinder {

    /** Scores at or above this are possible duplicates. */
    static final double THRESHOLD = 0.75;

    /**
     * Each way of agreeing is its own indexed branch of a union (an OR across them would scan the
     * table); the 50 closest names among the hits are scored.
     */
    static final String CANDIDATES = """
            with wanted (type, issuer, value) as (select * from unnest($5::text[], $6::text[], $7::text[])),
            hits as (
                select id from client where birth_date = $4
                union select id from client where search_name = $2 or search_name = $9
                union select i.client_id from client_identifier i
                      join wanted w on i.type = w.type and i.issuer = w.issuer and i.value = w.value
                union select p.client_id from client_contact_point p
                      where p.system in ('phone', 'sms') and p.normalized = any($8))
            select c.id, c.given_name, c.family_name, c.preferred_name, c.birth_date, c.estimated_birth_year,
                   (exists (select 1 from client_access a where a.client_id = c.id and a.agency_id = $1)
                    or exists (select 1 from consent k where k.client_id = c.id and k.revoked_at is null
                               and (k.recipient_agency_id is null or k.recipient_agency_id = $1)
                               and k.effective_from <= current_date
                               and (k.effective_to is null or k.effective_to >= current_date))) as visible,
                   c.family_metaphone = dmetaphone($3) as sounds_alike,
                   exists (select 1 from client_identifier i join wanted w
                           on i.type = w.type and i.issuer = w.issuer and i.value = w.value
                           where i.client_id = c.id) as same_identifier,
                   exists (select 1 from client_contact_point p
                           where p.client_id = c.id and p.system in ('phone', 'sms') and p.normalized = any($8)) as same_phone
            from client c join hits h on h.id = c.id
            order by similarity(c.search_name, $2) desc
            limit 50""";

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final Pool pool;

    DuplicateFinder(Pool pool) {
        this.pool = pool;
    }

    public Uni<DuplicateCheck> find(String agencyId, ClientRegistration registration) {
        String name = fullName(registration.name().given(), registration.name().family());
        List<ClientRegistration.IdentifierData> ids = registration.identifiers();
        String[] types = ids.stream().map(i -> i.type().code()).toArray(String[]::new);
        String[] issuers = ids.stream().map(i -> i.issuer().strip()).toArray(String[]::new);
        String[] values =
                ids.stream().map(ClientRegistration.IdentifierData::value).toArray(String[]::new);
        String[] phones = registration.contactPoints().stream()
                .filter(p -> p.system() != org.cairn.clients.Codes.ContactSystem.EMAIL)
                .map(p -> ContactNormalizer.normalize(p.system(), p.value()))
                .toArray(String[]::new);
        Tuple params = Tuple.tuple()
                .addString(agencyId)
                .addString(name)
                .addString(registration.name().family())
                .addLocalDate(registration.birthDate())
                .addArrayOfString(types)
                .addArrayOfString(issuers)
                .addArrayOfString(values)
                .addArrayOfString(phones)
                .addString(fullName(
                        registration.name().family(), registration.name().given()));
        return pool.preparedQuery(CANDIDATES).execute(params).map(rows -> {
            List<DuplicateCandidate> visible = new ArrayList<>();
            boolean elsewhere = false;
            for (Row row : rows) {
                DuplicateCandidate candidate = score(registration, row);
                if (candidate == null) {
                    continue;
                }
                if (row.getBoolean("visible")) {
                    visible.add(candidate);
                } else {
                    elsewhere = true;
                }
            }
            visible.sort(Comparator.comparingDouble(DuplicateCandidate::score).reversed());
            return new DuplicateCheck(visible, elsewhere);
        });
    }

    /** The candidate with its score and reasons, or null when it does not reach the threshold. */
    static DuplicateCandidate score(ClientRegistration registration, Row row) {
        String given = row.getString("given_name");
        String family = row.getString("family_name");
        String wanted =
                fullName(registration.name().given(), registration.name().family());
        double straight = JARO_WINKLER.apply(wanted, fullName(given, family));
        double transposed = JARO_WINKLER.apply(wanted, fullName(family, given));
        double nameScore = Math.max(straight, transposed);
        List<String> reasons = new ArrayList<>();
        if (nameScore >= 0.85) {
            reasons.add(transposed > straight + 0.05 ? "transposed-name" : "similar-name");
        }
        if (Boolean.TRUE.equals(row.getBoolean("sounds_alike"))) {
            reasons.add("sounds-alike");
        }
        double score = 0.6 * nameScore;
        LocalDate birthDate = row.getLocalDate("birth_date");
        Integer birthYear = row.getInteger("estimated_birth_year");
        if (registration.birthDate() != null && registration.birthDate().equals(birthDate)) {
            score += 0.4;
            reasons.add("same-birth-date");
        } else if (sameYear(registration, birthDate, birthYear)) {
            score += 0.15;
            reasons.add("same-birth-year");
        } else if (registration.birthDate() != null && birthDate != null) {
            score -= 0.2;
        }
        if (Boolean.TRUE.equals(row.getBoolean("same_phone"))) {
            score += 0.25;
            reasons.add("same-phone");
        }
        if (Boolean.TRUE.equals(row.getBoolean("same_identifier"))) {
            score = Math.max(score, 0.99);
            reasons.add(0, "same-identifier");
        }
        score = Math.min(1.0, score);
        if (score < THRESHOLD) {
            return null;
        }
        return new DuplicateCandidate(
                row.getUUID("id").toString(),
                new ClientRegistration.PersonName(given, family, row.getString("preferred_name")),
                birthDate,
                birthYear,
                Math.round(score * 100) / 100.0,
                reasons);
    }

    private static boolean sameYear(ClientRegistration registration, LocalDate birthDate, Integer birthYear) {
        Integer wanted = registration.birthDate() != null
                ? Integer.valueOf(registration.birthDate().getYear())
                : registration.estimatedBirthYear();
        Integer theirs = birthDate != null ? Integer.valueOf(birthDate.getYear()) : birthYear;
        return wanted != null && wanted.equals(theirs);
    }

    static String fullName(String given, String family) {
        return (given.strip() + " " + family.strip()).toLowerCase(Locale.ROOT);
    }
}
