package org.cairn.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of the shared platform, under {@code cairn.*}; every one has a working default. */
@ConfigMapping(prefix = "cairn")
public interface CairnConfig {

    /** The service's name in event sources and audit records; defaults to the application name. */
    @WithName("service-name")
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    Outbox outbox();

    Inbox inbox();

    Idempotency idempotency();

    /**
     * Apply the database migrations and exit 0 (what the chart's migration Job runs); see
     * {@link MigrateOnly}.
     */
    @WithDefault("false")
    boolean migrateOnly();

    /**
     * Whether the service's Kafka consumers run; every channel's {@code enabled} follows it. Off for a
     * migrate-only run, which must not take part in the consumer groups.
     */
    @WithDefault("true")
    boolean consumersEnabled();

    /** The transactional outbox and its in-process relay. */
    interface Outbox {

        /** Whether this instance relays outbox rows to Kafka (off when Debezium does it instead). */
        @WithName("relay.enabled")
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay sweeps for rows that no notification announced (the safety net). */
        @WithDefault("1s")
        Duration sweepInterval();

        /**
         * How long the relay waits for the broker to acknowledge a batch before it gives up on its
         * producer: it closes it, opens a new one (with a new producer id) and sends the
         * unacknowledged rows again, in order. An idempotent producer whose sequence the broker no
         * longer accepts (seen after a broker restart: OUT_OF_ORDER_SEQUENCE_NUMBER, retried forever)
         * never recovers by itself.
         */
        @WithDefault("30s")
        Duration ackTimeout();

        /** Rows sent per round trip to the broker. */
        @WithDefault("200")
        int batchSize();

        /** Readiness reports DOWN while the oldest unsent row is older than this. */
        @WithDefault("60s")
        Duration maxUnsentAge();

        /** First wait before a row whose send failed is tried again; doubles per attempt. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** Longest wait between two attempts of one row. */
        @WithDefault("60s")
        Duration maxRetryBackoff();

        /**
         * How long sent rows are kept before housekeeping deletes them: long enough to look into a
         * delivery, short enough that a service writing an audit record per read keeps a table of
         * thousands of rows rather than hundreds of millions. Kafka keeps the events themselves.
         */
        @WithDefault("PT1H")
        Duration retention();

        /**
         * How often this instance vacuums the platform's own tables (outbox, inbox, idempotency keys);
         * 0 leaves it to the server's autovacuum. Every sent event leaves a dead row version behind, and
         * a server without autovacuum (as found on a development machine) lets them pile up until each
         * relay round wades through hundreds of thousands of them.
         */
        @WithDefault("15s")
        Duration vacuumEvery();

        /**
         * Attempts after which a row is parked: it stops holding back its client's later events and
         * waits for an operator ({@code cairn_outbox_parked}, and an error in the log).
         */
        @WithDefault("100")
        int maxAttempts();
    }

    /** The idempotent consumer. */
    interface Inbox {

        /** How long processed event ids are remembered; longer than any topic's retention. */
        @WithDefault("P14D")
        Duration retention();
    }

    /** {@code Idempotency-Key} on POST. */
    interface Idempotency {

        /** How long a key and its first response are kept. */
        @WithDefault("P1D")
        Duration retention();
    }
}
