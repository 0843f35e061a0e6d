package org.cairn.platform.rest;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.cairn.contracts.vocabulary.Coded;
import org.cairn.platform.problem.Problems;

/**
 * Reads query, path and header parameters of a coded vocabulary by their code, as JSON bodies are
 * read ({@code ?program=mental-health}); an unknown code is a 400 that lists the known ones.
 */
@Provider
public class CodedParamConverterProvider implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        if (!type.isEnum() || !Coded.class.isAssignableFrom(type)) {
            return null;
        }
        return (ParamConverter<T>) new CodedConverter(type);
    }

    private static final class CodedConverter<E extends Enum<E> & Coded> implements ParamConverter<E> {

        private final Class<E> type;

        CodedConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E fromString(String value) {
            if (value == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.code().equals(value)) {
                    return constant;
                }
            }
            throw Problems.badRequest(
                    "unknown-code",
                    "'" + abbreviate(value) + "' is not one of: "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Coded::code)
                                    .collect(Collectors.joining(", ")));
        }

        @Override
        public String toString(E value) {
            return value == null ? null : value.code();
        }

        private static String abbreviate(String value) {
            String safe = value.replaceAll("[^A-Za-z0-9._-]", "?");
            return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
        }
    }
}
