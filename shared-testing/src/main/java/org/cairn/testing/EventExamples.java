package org.cairn.testing;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Builds an example of any event record with every field filled, so that the contract test covers a
 * new record without anyone writing its example by hand, and consumer tests have a schema-valid
 * event to start from.
 */
public final class EventExamples {

    private EventExamples() {}

    public static <T extends Record> T of(Class<T> type) {
        return type.cast(value(type));
    }

    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    private static Object value(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return "example";
        } else if (raw == UUID.class) {
            return UUID.fromString("0b8f7a52-6f0e-4c1e-9d0b-3c2f5a8e9d11");
        } else if (raw == Instant.class) {
            return Instant.parse("2026-03-04T05:06:07.123Z");
        } else if (raw == LocalDate.class) {
            return LocalDate.of(1984, 2, 29);
        } else if (raw == LocalTime.class) {
            return LocalTime.of(9, 30);
        } else if (raw == int.class || raw == Integer.class) {
            return 3;
        } else if (raw == long.class || raw == Long.class) {
            return 3L;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return Boolean.TRUE;
        } else if (raw == double.class || raw == Double.class) {
            return 2.5d;
        } else if (raw == BigDecimal.class) {
            return new BigDecimal("2.50");
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        } else if (raw == List.class) {
            return List.of(value(argument(type, 0)));
        } else if (raw == Set.class) {
            return Set.of(value(argument(type, 0)));
        } else if (raw == Map.class) {
            return Map.of("example", value(argument(type, 1)));
        } else if (raw == Optional.class) {
            return Optional.of(value(argument(type, 0)));
        } else if (raw.isRecord()) {
            return record(raw);
        }
        throw new IllegalArgumentException("Examples cannot build a " + type + "; teach it");
    }

    private static Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType());
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type, e);
        }
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
