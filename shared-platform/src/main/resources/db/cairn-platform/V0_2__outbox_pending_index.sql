-- The relay's statistics (unsent count, parked count, age of the oldest unsent event) read only the
-- rows not yet sent. Without an index for exactly those, each reading, once a second, scanned every
-- event kept for the retention period: 90 ms at 200,000 rows, and growing with it.
create index outbox_event_pending on outbox_event (timestamp) where sent_at is null;
