package org.cairn.assessments.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The instrument definitions Cairn ships, read from {@code instruments/} on the classpath. */
public final class ShippedInstruments {

    /** The files, one definition each. */
    public static final List<String> FILES =
            List.of("phq-9.json", "gad-7.json", "ahc-hrsn.json", "cssrs-screener.json", "ssm.json");

    private ShippedInstruments() {}

    /** The file names, as a stream (for parameterized tests). */
    public static java.util.stream.Stream<String> files() {
        return FILES.stream();
    }

    /** Every shipped definition, parsed and validated. */
    public static List<Instrument> all() {
        return FILES.stream().map(ShippedInstruments::load).toList();
    }

    /** One shipped definition by its file name. */
    public static Instrument load(String file) {
        return InstrumentValidator.parse(json(file));
    }

    static String json(String file) {
        try (InputStream in = ShippedInstruments.class.getResourceAsStream("/instruments/" + file)) {
            if (in == null) {
                throw new IllegalStateException("instruments/" + file + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
