package org.cairn.assessments.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cairn.assessments.InstrumentVersion;
import org.cairn.assessments.instrument.Instrument;
import org.cairn.assessments.instrument.InstrumentValidator;
import org.cairn.assessments.instrument.InvalidDefinitionException;
import org.cairn.assessments.instrument.ShippedInstruments;
import org.cairn.platform.agency.Caller;
import org.cairn.platform.problem.Problem;
import org.cairn.platform.problem.ProblemException;
import org.cairn.platform.problem.Problems;
import org.jboss.logging.Logger;

/**
 * The published instrument versions. A version, once stored, is never changed (the table refuses
 * updates), so parsed definitions are kept in memory for good. The definitions Cairn ships are
 * published at startup; if one on the classpath differs from the version already stored under the
 * same id and version, the service refuses to start rather than change what recorded answers mean.
 */
@ApplicationScoped
public class InstrumentCatalog {

    private static final Logger LOG = Logger.getLogger(InstrumentCatalog.class);

    /** Who publishes the shipped definitions. */
    static final String SHIPPED_BY = "service:assessments";

    private final Map<InstrumentVersion.Key, Instrument> parsed = new ConcurrentHashMap<>();

    void publishShipped(@Observes StartupEvent start) throws Throwable {
        List<Instrument> shipped = ShippedInstruments.all();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> publishAll(shipped, 0)));
        LOG.infof("%d shipped instrument versions in place", shipped.size());
    }

    private Uni<Void> publishAll(List<Instrument> shipped, int index) {
        if (index == shipped.size()) {
            return Uni.createFrom().voidItem();
        }
        Instrument instrument = shipped.get(index);
        return InstrumentVersion.<InstrumentVersion>find(
                        "instrumentId = ?1 and version = ?2", instrument.id(), instrument.version())
                .firstResult()
                .chain(stored -> {
                    if (stored == null) {
                        return store(instrument, SHIPPED_BY, null).replaceWithVoid();
                    }
                    if (!InstrumentValidator.parse(stored.definition).equals(instrument)) {
                        return Uni.createFrom()
                                .failure(new IllegalStateException("The shipped definition of " + instrument.id()
                                        + " version " + instrument.version()
                                        + " differs from the one published under that version; a change needs a"
                                        + " new version"));
                    }
                    return Uni.createFrom().voidItem();
                })
                .chain(() -> publishAll(shipped, index + 1));
    }

    /**
     * Publishes a network-admin's definition. Publishing the very same definition again answers the
     * stored one (so a retry is harmless); a different definition under a published id and version is
     * a conflict.
     *
     * @return the stored version, and whether this call created it
     */
    public Uni<Published> publish(Caller caller, String json) {
        Instrument instrument;
        try {
            instrument = InstrumentValidator.parse(json);
        } catch (InvalidDefinitionException e) {
            throw new ProblemException(
                    400,
                    "invalid-instrument",
                    "Invalid instrument definition",
                    "The definition has " + e.reasons().size() + " problem(s); none of it was published.",
                    e.reasons().stream()
                            .map(r -> {
                                int colon = r.indexOf(": ");
                                return colon > 0
                                        ? new Problem.FieldError(r.substring(0, colon), r.substring(colon + 2))
                                        : new Problem.FieldError("definition", r);
                            })
                            .toList());
        }
        // What is stored is read back on every later use: it must mean exactly what was accepted.
        if (!InstrumentValidator.parse(InstrumentValidator.toJson(instrument)).equals(instrument)) {
            throw Problems.badRequest(
                    "invalid-instrument",
                    "The definition does not read back the same once stored; nothing was published.");
        }
        return Panache.withTransaction(() -> InstrumentVersion.<InstrumentVersion>find(
                                "instrumentId = ?1 and version = ?2", instrument.id(), instrument.version())
                        .firstResult()
                        .chain(stored -> {
                            if (stored == null) {
                                return store(instrument, caller.userId(), caller.agencyId())
                                        .map(v -> new Published(v, instrument, true));
                            }
                            if (InstrumentValidator.parse(stored.definition).equals(instrument)) {
                                return Uni.createFrom().item(new Published(stored, instrument, false));
                            }
                            return Uni.createFrom()
                                    .failure(Problems.conflict(
                                            "instrument-version-published",
                                            "Version " + instrument.version() + " of " + instrument.id()
                                                    + " is published with a different definition; published versions"
                                                    + " never change, so publish this one as a new version."));
                        }))
                .invoke(p -> parsed.put(
                        new InstrumentVersion.Key(
                                p.instrument().id(), p.instrument().version()),
                        p.instrument()));
    }

    /** A stored version and its parsed definition. */
    public record Published(InstrumentVersion stored, Instrument instrument, boolean created) {}

    private Uni<InstrumentVersion> store(Instrument instrument, String by, String agencyId) {
        InstrumentVersion v = new InstrumentVersion();
        v.instrumentId = instrument.id();
        v.version = instrument.version();
        v.title = instrument.title();
        v.sensitivity = instrument.sensitivity().code();
        v.definition = InstrumentValidator.toJson(instrument);
        v.publishedAt = Instant.now();
        v.publishedBy = by;
        v.publisherAgencyId = agencyId;
        return v.persist();
    }

    /** The definition of a published version; 404 when there is none. */
    public Uni<Instrument> version(String id, String version) {
        Instrument known = parsed.get(new InstrumentVersion.Key(id, version));
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return Panache.withSession(() -> InstrumentVersion.<InstrumentVersion>find(
                                "instrumentId = ?1 and version = ?2", id, version)
                        .firstResult())
                .map(stored -> {
                    if (stored == null) {
                        throw Problems.notFound("instrument version", id + " " + version);
                    }
                    return parsed.computeIfAbsent(
                            new InstrumentVersion.Key(id, version), k -> InstrumentValidator.parse(stored.definition));
                });
    }

    /** The most recently published version of an instrument; 404 when there is none. */
    public Uni<Instrument> latest(String id) {
        return Panache.withSession(() -> InstrumentVersion.<InstrumentVersion>find(
                                "instrumentId = ?1 order by publishedAt desc", id)
                        .firstResult())
                .chain(stored -> {
                    if (stored == null) {
                        return Uni.createFrom().failure(Problems.notFound("instrument", id));
                    }
                    return version(stored.instrumentId, stored.version);
                });
    }

    /** Every published version, by instrument and then newest first. */
    public Uni<List<InstrumentVersion>> all() {
        return Panache.withSession(
                () -> InstrumentVersion.<InstrumentVersion>find("order by instrumentId, publishedAt desc")
                        .list());
    }
}
