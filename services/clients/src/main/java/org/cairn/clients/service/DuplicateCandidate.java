package org.cairn.clients.service;

import java.time.LocalDate;
import java.util.List;
import org.cairn.clients.rest.ClientRegistration;

/**
 * A registered client who may be the same person as the one being registered, with why they
 * matched. Reasons are codes: {@code same-identifier}, {@code same-birth-date},
 * {@code same-birth-year}, {@code similar-name}, {@code transposed-name}, {@code sounds-alike},
 * {@code same-phone}.
 */
public record DuplicateCandidate(
        String clientId,
        ClientRegistration.PersonName name,
        LocalDate birthDate,
        Integer estimatedBirthYear,
        double score,
        List<String> reasons) {}
