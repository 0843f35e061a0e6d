package org.cairn.audit.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cairn.contracts.events.AuditRecordedV1;
import org.cairn.contracts.vocabulary.AuditAction;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.platform.inbox.ReceivedEvent;

/**
 * The append-only store of audit records. Records are appended a batch at a time, in the transaction
 * that claims them in the inbox: each chain's head is locked, the records hashed onto it, inserted,
 * and the head moved, so records of one chain line up one after the other whichever instance
 * ingests them. Verifying a chain recomputes every
 * hash in order and names the first record that does not match.
 */
@ApplicationScoped
public class AuditLog {

    static final String COLUMNS = "seq, event_id, chain, chain_seq, occurred_at, service, agency_id, actor_user_id,"
            + " actor_username, actor_roles, action, outcome, resource_type, resource_id, client_id, purpose, reason,"
            + " request_id, consent_ids, client_application, hash";

    private final Pool pool;
    private final AuditAlerts alerts;

    AuditLog(Pool pool, AuditAlerts alerts) {
        this.pool = pool;
        this.alerts = alerts;
    }

    /**
     * One statement for the whole batch, each column an array (a row's roles and consent ids travel
     * comma-joined: neither a role code nor a consent id may hold a comma).
     */
    static final String INSERT = "insert into audit_record (event_id, chain, chain_seq, occurred_at, received_at,"
            + " service, agency_id, actor_user_id, actor_username, actor_roles, action, outcome, resource_type,"
            + " resource_id, client_id, purpose, reason, request_id, consent_ids, client_application, prev_hash, hash)"
            + " select event_id, chain, chain_seq, occurred_at, now(), service, agency_id, actor_user_id,"
            + " actor_username, string_to_array(roles, ','), action, outcome, resource_type, resource_id,"
            + " client_id, purpose, reason, request_id, string_to_array(consents, ','), client_application,"
            + " prev_hash, hash"
            + " from unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[],"
            + " $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],"
            + " $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[],"
            + " $21::text[])"
            + " as r(event_id, chain, chain_seq, occurred_at, service, agency_id, actor_user_id, actor_username,"
            + " roles, action, outcome, resource_type, resource_id, client_id, purpose, reason, request_id,"
            + " consents, client_application, prev_hash, hash)";

    /**
     * Stores a batch of records at the ends of their agencies' chains, within the caller's
     * transaction. Every chain the batch touches has its head locked (in one order, so two instances
     * never wait on each other in a circle); then the records whose event ids are stored already are
     * left out: the trail's own unique event id is this consumer's inbox, so a record delivered twice
     * is stored once, and one stored by another instance meanwhile fails the unique index and the
     * batch is tried again. Each record is hashed onto the one before it, all are inserted in one
     * statement, the heads move, and the alert rules look at what came in.
     *
     * @return how many records were stored
     */
    /** After a transaction of {@link #appendAll} failed: the alert checks it made are to be made again. */
    public void forgetAlertChecks() {
        alerts.forgetChecks();
    }

    public Uni<Integer> appendAll(SqlConnection conn, List<ReceivedEvent<AuditRecordedV1>> events) {
        Map<String, ReceivedEvent<AuditRecordedV1>> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.id(), e));
        if (unique.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] chains = unique.values().stream()
                .map(e -> e.data().agencyId())
                .distinct()
                .sorted()
                .toArray(String[]::new);
        String[] genesis = Arrays.stream(chains).map(AuditHash::genesis).toArray(String[]::new);
        String[] ids = unique.keySet().toArray(String[]::new);
        return conn.preparedQuery("insert into audit_chain_head (chain, chain_seq, hash)"
                        + " select c, 0, g from unnest($1::text[], $2::text[]) as h(c, g) on conflict do nothing")
                .execute(Tuple.of(chains, genesis))
                .chain(() -> conn.preparedQuery(
                                "select chain, chain_seq, hash from audit_chain_head where chain = any($1)"
                                        + " order by chain for update")
                        .execute(Tuple.of((Object) chains)))
                .chain(heads -> conn.preparedQuery("select event_id from audit_record where event_id = any($1)")
                        .execute(Tuple.of((Object) ids))
                        .chain(known -> {
                            known.forEach(row -> unique.remove(row.getString(0)));
                            return unique.isEmpty()
                                    ? Uni.createFrom().item(0)
                                    : store(conn, List.copyOf(unique.values()), heads);
                        }));
    }

    private Uni<Integer> store(SqlConnection conn, List<ReceivedEvent<AuditRecordedV1>> fresh, RowSet<Row> heads) {
        Map<String, Long> seqs = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        heads.forEach(h -> {
            seqs.put(h.getString(0), h.getLong(1));
            hashes.put(h.getString(0), h.getString(2));
        });
        List<AuditRecordView> views = new ArrayList<>(fresh.size());
        List<String> previousHashes = new ArrayList<>(fresh.size());
        for (ReceivedEvent<AuditRecordedV1> event : fresh) {
            String chain = event.data().agencyId();
            long next = seqs.get(chain) + 1;
            String previous = hashes.get(chain);
            AuditRecordView unhashed = view(event, next);
            AuditRecordView view = unhashed.withHash(AuditHash.of(previous, unhashed));
            seqs.put(chain, next);
            hashes.put(chain, view.hash());
            views.add(view);
            previousHashes.add(previous);
        }
        Tuple columns = Tuple.from(List.of(
                column(views, AuditRecordView::eventId),
                column(views, AuditRecordView::chain),
                views.stream().map(AuditRecordView::chainSeq).toArray(Long[]::new),
                views.stream().map(v -> v.occurredAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new),
                column(views, AuditRecordView::service),
                column(views, AuditRecordView::agencyId),
                column(views, AuditRecordView::actorUserId),
                column(views, AuditRecordView::actorUsername),
                column(views, v -> String.join(",", v.actorRoles())),
                column(views, AuditRecordView::action),
                column(views, AuditRecordView::outcome),
                column(views, AuditRecordView::resourceType),
                column(views, AuditRecordView::resourceId),
                column(views, AuditRecordView::clientId),
                column(views, AuditRecordView::purpose),
                column(views, AuditRecordView::reason),
                column(views, AuditRecordView::requestId),
                column(views, v -> v.consentIds().isEmpty() ? null : String.join(",", v.consentIds())),
                column(views, AuditRecordView::clientApplication),
                previousHashes.toArray(String[]::new),
                column(views, AuditRecordView::hash)));
        List<Tuple> moved = seqs.keySet().stream()
                .map(chain -> Tuple.of(seqs.get(chain), hashes.get(chain), chain))
                .toList();
        return conn.preparedQuery(INSERT)
                .execute(columns)
                .chain(() -> conn.preparedQuery(
                                "update audit_chain_head set chain_seq = $1, hash = $2 where chain = $3")
                        .executeBatch(moved))
                .chain(() -> alerts.checkAll(conn, views))
                .replaceWith(views.size());
    }

    private static String[] column(List<AuditRecordView> views, Function<AuditRecordView, String> field) {
        return views.stream().map(field).toArray(String[]::new);
    }

    /** The record as it is stored and hashed, at its place in its chain. */
    static AuditRecordView view(ReceivedEvent<AuditRecordedV1> event, long chainSeq) {
        AuditRecordedV1 r = event.data();
        return new AuditRecordView(
                0,
                event.id(),
                r.agencyId(),
                chainSeq,
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
                r.clientApplication(),
                null);
    }

    /** What verifying a chain found. */
    public record Verification(String chain, long checked, boolean intact, Mismatch firstMismatch) {}

    /** The first record whose stored hash, or place in the chain, is not what recomputing gives. */
    public record Mismatch(long chainSeq, String eventId, String problem) {}

    static final int VERIFY_BATCH = 1000;

    /**
     * Recomputes a chain from its start (or, once the retention job removed its oldest records, from
     * its anchor: the last removed record's place and hash), a batch of records at a time, up to the head as it stood when
     * the verification began (records appended meanwhile are the next verification's); the last
     * record must be the one that head names, so records removed from the end show too.
     */
    public Uni<Verification> verify(String chain) {
        return pool.preparedQuery("select h.chain_seq, h.hash, a.through_seq, a.through_hash from audit_chain_head h"
                        + " left join audit_chain_anchor a on a.chain = h.chain where h.chain = $1")
                .execute(Tuple.of(chain))
                .chain(rows -> {
                    Row head = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    long headSeq = head == null ? 0 : head.getLong(0);
                    String headHash = head == null ? AuditHash.genesis(chain) : head.getString(1);
                    // a chain whose oldest records the retention job removed continues from its anchor
                    boolean anchored = head != null && head.getValue(2) != null;
                    long start = anchored ? head.getLong(2) : 0;
                    String startHash = anchored ? head.getString(3) : AuditHash.genesis(chain);
                    return verifyFrom(chain, headSeq, headHash, start, startHash, 0);
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
                            return broken(chain, count, seq + 1, null, "missing: the chain jumps to " + r.chainSeq());
                        }
                        String expected = AuditHash.of(prev, r);
                        if (!expected.equals(r.hash())) {
                            return broken(
                                    chain, count, r.chainSeq(), r.eventId(), "its content does not match its hash");
                        }
                        prev = r.hash();
                        seq = r.chainSeq();
                        count++;
                    }
                    if (rows.size() == VERIFY_BATCH) {
                        return verifyFrom(chain, headSeq, headHash, seq, prev, count);
                    }
                    if (seq != headSeq || !prev.equals(headHash)) {
                        return broken(chain, count, seq + 1, null, "missing: the head is at " + headSeq);
                    }
                    return Uni.createFrom().item(new Verification(chain, count, true, null));
                });
    }

    private static Uni<Verification> broken(String chain, long checked, long seq, String eventId, String problem) {
        return Uni.createFrom().item(new Verification(chain, checked, false, new Mismatch(seq, eventId, problem)));
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
                row.getString(19),
                row.getString(20));
    }
}
