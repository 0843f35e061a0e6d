package org.cairn.clients.service;

import java.util.Locale;
import org.cairn.clients.Codes;

/** The form of a contact value that matching compares: digits of a phone, lower-case e-mail. */
public final class ContactNormalizer {

    private ContactNormalizer() {}

    public static String normalize(Codes.ContactSystem system, String value) {
        String stripped = value.strip();
        if (system == Codes.ContactSystem.EMAIL) {
            return stripped.toLowerCase(Locale.ROOT);
        }
        String digits = stripped.replaceAll("[^0-9]", "");
        // North American numbers are compared without the country code.
        return digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
    }
}
