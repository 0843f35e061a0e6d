package org.cairn.platform.inbox;

import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cairn.contracts.events.EventCatalog;

/**
 * What a consumer does with each event type it cares about. Types it does not list, and events a
 * handler's condition leaves out, are acknowledged and passed over without touching the database: a
 * topic carries every event of its producer, and a consumer needs only some.
 */
public final class EventHandlers {

    private final Map<String, Entry<?>> byType;

    private EventHandlers(Map<String, Entry<?>> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<Entry<?>> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    record Entry<T extends Record>(
            Class<T> type, Predicate<? super T> when, Function<ReceivedEvent<T>, Uni<Void>> handler) {}

    /** Collects handlers, one per event record type. */
    public static final class Builder {

        private final Map<String, Entry<?>> byType = new LinkedHashMap<>();

        public <T extends Record> Builder on(Class<T> type, Function<ReceivedEvent<T>, Uni<Void>> handler) {
            return on(type, data -> true, handler);
        }

        /**
         * A handler of only the events of the type whose data meet {@code when}; the others are passed
         * over before any transaction is opened, so the condition must depend on the event alone.
         */
        public <T extends Record> Builder on(
                Class<T> type, Predicate<? super T> when, Function<ReceivedEvent<T>, Uni<Void>> handler) {
            String name = EventCatalog.typeName(type);
            if (byType.putIfAbsent(name, new Entry<>(type, when, handler)) != null) {
                throw new IllegalArgumentException("two handlers for " + name);
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(byType);
        }
    }
}
