package org.cairn.audit.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.platform.inbox.ReceivedEvent;

/**
 * The append-only store of audit records. Appending happens in the inbox's transaction: the chain's
 * head is locked, the record hashed onto it, inserted, and the head moved, so records of one chain
 * line up one after the other whichever instance ingests them. Verifying a chain recomputes every
 * hash in order and names the first record that does not match.
 */
@ApplicationScoped
public class AuditLog {

    static final String COLUMNS = "seq, event_id, chain, chain_seq, occurred_at, service, agency_id, actor_user_id,"
            + " actor_username, actor_roles, action, outcome, resource_type, resource_id, client_id, purpose, reason,"
            + " request_id, consent_ids, hash";

    private final Pool pool;
    private final AuditAlerts alerts;

    AuditLog(Pool pool, AuditAlerts alerts) {
        this.pool = pool;
        this.alerts = alerts;
    }

    /** Stores one record at the end of its agency's chain (within the caller's transaction). */
    public Uni<Void> append(ReceivedEvent<AuditRecordedV1> event) {
        AuditRecordedV1 r = event.data();
        String chain = r.agencyId();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into audit_chain_head (chain, chain_seq, hash) values (:chain, 0, :genesis)"
                                        + " on conflict do nothing")
                        .setParameter("chain", chain)
                        .setParameter("genesis", AuditHash.genesis(chain))
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(
                                        "select chain_seq, hash from audit_chain_head where chain = :chain for update",
                                        Object[].class)
                                .setParameter("chain", chain)
                                .getSingleResult())
                        .chain(head -> {
                            long next = ((Number) head[0]).longValue() + 1;
                            AuditRecordView view = new AuditRecordView(
                                    0,
                                    event.id(),
                                    chain,
                                    next,
                                    r.occurredAt().truncatedTo(ChronoUnit.MICROS),
                                    r.service(),
                                    r.agencyId(),
                                    r.actor().userId(),
                                    r.actor().username(),
                                    r.actor().roles().stream().map(Coded::code).toList(),
                                    r.action().code(),
                                    r.action() == AuditAction.ACCESS_DENIED ? "denied" : "allowed",
                                    r.resourceType(),
                                    r.resourceId(),
                                    r.clientId(),
                                    r.purpose() == null ? null : r.purpose().code(),
                                    r.reason(),
                                    r.requestId(),
                                    r.consentIds() == null ? List.of() : List.copyOf(r.consentIds()),
                                    null);
                            String hash = AuditHash.of((String) head[1], view);
                            return session.createNativeQuery("insert into audit_record (event_id, chain, chain_seq,"
                                            + " occurred_at, received_at, service, agency_id, actor_user_id, actor_username,"
                                            + " actor_roles, action, outcome, resource_type, resource_id, client_id, purpose,"
                                            + " reason, request_id, consent_ids, prev_hash, hash) values (:event, :chain, :seq, :at, now(),"
                                            + " :service, :agency, :user, :username, string_to_array(cast(:roles as text), ','),"
                                            + " :action, :outcome, :type, :resource, :client, :purpose, :reason, :request,"
                                            + " string_to_array(cast(:consents as text), ','), :prev, :hash)")
                                    .setParameter("event", view.eventId())
                                    .setParameter("chain", chain)
                                    .setParameter("seq", next)
                                    .setParameter("at", view.occurredAt().atOffset(ZoneOffset.UTC))
                                    .setParameter("service", view.service())
                                    .setParameter("agency", view.agencyId())
                                    .setParameter("user", view.actorUserId())
                                    .setParameter("username", view.actorUsername())
                                    .setParameter("roles", String.join(",", view.actorRoles()))
                                    .setParameter("action", view.action())
                                    .setParameter("outcome", view.outcome())
                                    .setParameter("type", view.resourceType())
                                    .setParameter("resource", view.resourceId())
                                    .setParameter("client", view.clientId())
                                    .setParameter("purpose", view.purpose())
                                    .setParameter("reason", view.reason())
                                    .setParameter("request", view.requestId())
                                    .setParameter(
                                            "consents",
                                            view.consentIds().isEmpty() ? null : String.join(",", view.consentIds()))
                                    .setParameter("prev", head[1])
                                    .setParameter("hash", hash)
                                    .executeUpdate()
                                    .chain(() -> session.createNativeQuery(
                                                    "update audit_chain_head set chain_seq = :seq, hash = :hash where chain = :chain")
                                            .setParameter("seq", next)
                                            .setParameter("hash", hash)
                                            .setParameter("chain", chain)
                                            .executeUpdate())
                                    .chain(() -> alerts.check(view));
                        }))
                .replaceWithVoid();
    }

    /** What verifying a chain found. */
    public record Verification(String chain, long checked, boolean intact, Mismatch firstMismatch) {}

    /** The first record whose stored hash, or place in the chain, is not what recomputing gives. */
    public record Mismatch(long chainSeq, String eventId, String problem) {}

    static final int VERIFY_BATCH = 1000;

    /**
     * Recomputes a chain from its start, a batch of records at a time, up to the head as it stood when
     * the verification began (records appended meanwhile are the next verification's); the last
     * record must be the one that head names, so records removed from the end show too.
     */
    public Uni<Verification> verify(String chain) {
        return pool.preparedQuery("select chain_seq, hash from audit_chain_head where chain = $1")
                .execute(Tuple.of(chain))
                .chain(rows -> {
                    Row head = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    long headSeq = head == null ? 0 : head.getLong(0);
                    String headHash = head == null ? AuditHash.genesis(chain) : head.getString(1);
                    return verifyFrom(chain, headSeq, headHash, 0, AuditHash.genesis(chain), 0);
                });
    }

    private Uni<Verification> verifyFrom(
            String chain, long headSeq, String headHash, long afterSeq, String previous, long checked) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_record where chain = $1 and chain_seq > $2"
                        + " and chain_seq <= $3 order by chain_seq limit " + VERIFY_BATCH)
                .execute(Tuple.of(chain, afterSeq, headSeq))
                .chain(rows -> {
                    String prev = previous;
                    long seq = afterSeq;
                    long count = checked;
                    for (Row row : rows) {
                        AuditRecordView r = view(row);
                        if (r.chainSeq() != seq + 1) {
                            return Uni.createFrom()
                                    .item(new Verification(
                                            chain,
                                            count,
                                            false,
                                            new Mismatch(
                                                    seq + 1, null, "missing: the chain jumps to " + r.chainSeq())));
                        }
                        String expected = AuditHash.of(prev, r);
                        if (!expected.equals(r.hash())) {
                            return Uni.createFrom()
                                    .item(new Verification(
                                            chain,
                                            count,
                                            false,
                                            new Mismatch(
                                                    r.chainSeq(), r.eventId(), "its content does not match its hash")));
                        }
                        prev = r.hash();
                        seq = r.chainSeq();
                        count++;
                    }
                    if (rows.size() == VERIFY_BATCH) {
                        return verifyFrom(chain, headSeq, headHash, seq, prev, count);
                    }
                    if (seq != headSeq || !prev.equals(headHash)) {
                        return Uni.createFrom()
                                .item(new Verification(
                                        chain,
                                        count,
                                        false,
                                        new Mismatch(seq + 1, null, "missing: the head is at " + headSeq)));
                    }
                    return Uni.createFrom().item(new Verification(chain, count, true, null));
                });
    }

    /**
     * A page of records matching {@code where} (SQL over audit_record with positional parameters
     * after the time range's $1 and $2), newest first.
     */
    public Uni<List<AuditRecordView>> page(
            String where, List<Object> parameters, Instant from, Instant to, int page, int size) {
        List<Object> all = new ArrayList<>();
        all.add(from.atOffset(ZoneOffset.UTC));
        all.add(to.atOffset(ZoneOffset.UTC));
        all.addAll(parameters);
        String sql = "select " + COLUMNS + " from audit_record where occurred_at >= $1 and occurred_at < $2 and ("
                + where + ") order by occurred_at desc, seq desc limit " + (size + 1) + " offset "
                + ((long) page * size);
        return pool.preparedQuery(sql).execute(Tuple.from(all)).map(rows -> {
            List<AuditRecordView> list = new ArrayList<>();
            rows.forEach(row -> list.add(view(row)));
            return list;
        });
    }

    /** Whether the agency serves, or has served, the client (the case projection knows). */
    public Uni<Boolean> serves(String agencyId, String clientId) {
        return pool.preparedQuery("select 1 from case_projection where agency_id = $1 and client_id::text = $2 limit 1")
                .execute(Tuple.of(agencyId, clientId))
                .map(rows -> rows.size() > 0);
    }

    static AuditRecordView view(Row row) {
        OffsetDateTime at = row.getOffsetDateTime(4);
        return new AuditRecordView(
                row.getLong(0),
                row.getString(1),
                row.getString(2),
                row.getLong(3),
                at.toInstant(),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                Arrays.asList(row.getArrayOfStrings(9)),
                row.getString(10),
                row.getString(11),
                row.getString(12),
                row.getString(13),
                row.getString(14),
                row.getString(15),
                row.getString(16),
                row.getString(17),
                row.getValue(18) == null ? List.of() : Arrays.asList(row.getArrayOfStrings(18)),
                row.getString(19));
    }
}
