package org.cairn.clients.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cairn.clients.Client;

/** A client as the registry returns it to an agency that may see them. */
public record ClientView(
        String id,
        ClientRegistration.PersonName name,
        LocalDate birthDate,
        Integer estimatedBirthYear,
        String genderIdentity,
        String sexAtBirth,
        String preferredLanguage,
        boolean interpreterNeeded,
        List<ContactPointView> contactPoints,
        ClientRegistration.AddressData address,
        String preferredContactMethod,
        boolean safeToLeaveMessages,
        List<IdentifierView> identifiers,
        Instant registeredAt,
        Instant updatedAt,
        int version,
        List<ClientView> linkedRecords) {

    public record ContactPointView(String system, String value, String use) {}

    public record IdentifierView(String type, String issuer, String value) {}

    public static ClientView of(Client c) {
        return of(c, List.of());
    }

    /** The client with the other records of the same person the reader may see. */
    public static ClientView of(Client c, List<Client> linked) {
        boolean hasAddress = c.addressLine != null
                || c.addressCity != null
                || c.addressRegion != null
                || c.addressPostalCode != null;
        return new ClientView(
                c.id.toString(),
                new ClientRegistration.PersonName(c.givenName, c.familyName, c.preferredName),
                c.birthDate,
                c.estimatedBirthYear,
                c.genderIdentity,
                c.sexAtBirth,
                c.preferredLanguage,
                c.interpreterNeeded,
                c.contactPoints.stream()
                        .map(p -> new ContactPointView(p.system, p.value, p.use))
                        .toList(),
                hasAddress
                        ? new ClientRegistration.AddressData(
                                c.addressLine, c.addressCity, c.addressRegion, c.addressPostalCode)
                        : null,
                c.preferredContactMethod,
                c.safeToLeaveMessages,
                c.identifiers.stream()
                        .map(i -> new IdentifierView(i.type, i.issuer, i.value))
                        .toList(),
                c.createdAt,
                c.updatedAt,
                c.version,
                linked.stream().map(ClientView::of).toList());
    }
}
