package org.cairn.audit.service;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Retention of the trail: {@code audit.retention} (an ISO-8601 period, six years unless set). The
 * service itself never removes a record; its role cannot. The retention job, the same image run with
 * {@code audit.purge-expired=true} as the database's owner (the Helm chart's CronJob), removes from
 * each chain the oldest records that are all older than the retention period, and stops: a chain
 * loses only a prefix, so what is kept still verifies, from the anchor the job leaves (the place and
 * hash of the last record removed). A record that is old but was stored after a younger one stays
 * until that one expires too: nothing is removed before its time, and nothing kept is changed.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    /** What one purge did to one chain. */
    public record Purged(String chain, long throughSeq, long records) {}

    private final Period retention;
    private final boolean purgeAndExit;
    private final String url;
    private final String owner;
    private final String ownerPassword;

    AuditRetention(
            @ConfigProperty(name = "audit.retention", defaultValue = "P6Y") String retention,
            @ConfigProperty(name = "audit.purge-expired", defaultValue = "false") boolean purgeAndExit,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.flyway.username") String owner,
            @ConfigProperty(name = "quarkus.flyway.password") String ownerPassword) {
        this.retention = parse(retention);
        this.purgeAndExit = purgeAndExit;
        this.url = url;
        this.owner = owner;
        this.ownerPassword = ownerPassword;
    }

    static Period parse(String text) {
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("audit.retention must be an ISO-8601 period such as P6Y, not " + text);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("audit.retention must be longer than nothing, not " + text);
        }
        return period;
    }

    public Period retention() {
        return retention;
    }

    void onStart(@Observes StartupEvent event) {
        if (!purgeAndExit) {
            return;
        }
        try {
            List<Purged> purged = purge(Instant.now());
            long records = purged.stream().mapToLong(Purged::records).sum();
            LOG.infof(
                    "audit.purge-expired: %d records older than %s removed from %d chains; stopping",
                    records, retention, purged.size());
            Quarkus.asyncExit(0);
        } catch (SQLException e) {
            LOG.errorf("audit.purge-expired failed (SQL state %s); nothing more was removed", e.getSQLState());
            Quarkus.asyncExit(1);
        }
    }

    /**
     * Removes, chain by chain (one transaction each, the chain's head locked meanwhile so no record is
     * appended to it), the records before the first one that is younger than {@code now} less the
     * retention period, and moves the chain's anchor past them.
     */
    public List<Purged> purge(Instant now) throws SQLException {
        Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        List<Purged> purged = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword)) {
            c.setAutoCommit(false);
            List<String> chains = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("select chain from audit_chain_head order by chain")) {
                while (rs.next()) {
                    chains.add(rs.getString(1));
                }
            }
            c.commit();
            for (String chain : chains) {
                try {
                    Purged p = purgeChain(c, chain, cutoff, now);
                    c.commit();
                    if (p.records() > 0) {
                        purged.add(p);
                    }
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }
        }
        return purged;
    }

    private static Purged purgeChain(Connection c, String chain, Instant cutoff, Instant now) throws SQLException {
        long headSeq;
        String headHash;
        try (PreparedStatement head =
                c.prepareStatement("select chain_seq, hash from audit_chain_head where chain = ? for update")) {
            head.setString(1, chain);
            try (ResultSet rs = head.executeQuery()) {
                rs.next();
                headSeq = rs.getLong(1);
                headHash = rs.getString(2);
            }
        }
        long anchorSeq = 0;
        try (PreparedStatement anchor =
                c.prepareStatement("select through_seq from audit_chain_anchor where chain = ?")) {
            anchor.setString(1, chain);
            try (ResultSet rs = anchor.executeQuery()) {
                if (rs.next()) {
                    anchorSeq = rs.getLong(1);
                }
            }
        }
        // the chain's first record that must stay; every record before it is older than the cutoff
        long through = headSeq;
        try (PreparedStatement kept = c.prepareStatement(
                "select min(chain_seq) from audit_record where agency_id = ? and chain = ? and occurred_at >= ?")) {
            kept.setString(1, chain);
            kept.setString(2, chain);
            kept.setTimestamp(3, Timestamp.from(cutoff));
            try (ResultSet rs = kept.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                if (!rs.wasNull()) {
                    through = first - 1;
                }
            }
        }
        if (through <= anchorSeq) {
            return new Purged(chain, anchorSeq, 0);
        }
        String throughHash = headHash;
        if (through < headSeq) {
            try (PreparedStatement last =
                    c.prepareStatement("select hash from audit_record where chain = ? and chain_seq = ?")) {
                last.setString(1, chain);
                last.setLong(2, through);
                try (ResultSet rs = last.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException(
                                "chain " + chain + " has no record " + through + " to anchor on", "55000");
                    }
                    throughHash = rs.getString(1);
                }
            }
        }
        int removed;
        try (PreparedStatement delete =
                c.prepareStatement("delete from audit_record where chain = ? and chain_seq > ? and chain_seq <= ?")) {
            delete.setString(1, chain);
            delete.setLong(2, anchorSeq);
            delete.setLong(3, through);
            removed = delete.executeUpdate();
        }
        try (PreparedStatement anchor = c.prepareStatement("insert into audit_chain_anchor (chain, through_seq,"
                + " through_hash, purged_before, purged_records, purged_at) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (chain) do update set through_seq = excluded.through_seq,"
                + " through_hash = excluded.through_hash, purged_before = excluded.purged_before,"
                + " purged_records = audit_chain_anchor.purged_records + excluded.purged_records,"
                + " purged_at = excluded.purged_at")) {
            anchor.setString(1, chain);
            anchor.setLong(2, through);
            anchor.setString(3, throughHash);
            anchor.setTimestamp(4, Timestamp.from(cutoff));
            anchor.setLong(5, removed);
            anchor.setTimestamp(6, Timestamp.from(now));
            anchor.executeUpdate();
        }
        return new Purged(chain, through, removed);
    }
}
