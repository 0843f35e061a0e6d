package org.cairn.contracts.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the suite. A new event record is added here, with its schema beside it; the
 * contract test then holds the two together.
 */
public final class EventCatalog {

    /** The records of every event type. */
    public static final List<Class<? extends Record>> RECORDS = List.of(
            AuditRecordedV1.class,
            AuditAlertRaisedV1.class,
            ClientRegisteredV1.class,
            ClientUpdatedV1.class,
            CaseOpenedV1.class,
            CaseAssignedV1.class,
            CaseTransferredV1.class,
            CaseStatusChangedV1.class,
            CaseClosedV1.class,
            CaseCrisisFlaggedV1.class,
            CaseCrisisClearedV1.class,
            CaseNoteAddedV1.class,
            ConsentGrantedV1.class,
            ConsentRevokedV1.class,
            ConsentExpiredV1.class,
            ReferralAcceptedV1.class,
            ReferralStatusChangedV1.class,
            ReferralEscalatedV1.class,
            DirectoryServiceChangedV1.class,
            DirectoryCapacityChangedV1.class,
            AppointmentStatusChangedV1.class,
            AppointmentReminderTimeReachedV1.class,
            CaseOutreachFlaggedV1.class,
            AssessmentStartedV1.class,
            AssessmentCompletedV1.class,
            AssessmentAmendedV1.class,
            AssessmentCrisisIdentifiedV1.class,
            CarePlanCreatedV1.class,
            CarePlanSubmittedV1.class,
            CarePlanApprovedV1.class,
            CarePlanReturnedV1.class,
            CarePlanClosedV1.class,
            CarePlanReviewDateReachedV1.class,
            GoalAddedV1.class,
            GoalStatusChangedV1.class,
            InterventionAddedV1.class,
            InterventionStatusChangedV1.class,
            ClientLinkedV1.class,
            ClientUnlinkedV1.class,
            HouseholdChangedV1.class,
            NotificationDeliveredV1.class,
            NotificationFailedV1.class);

    private static final Map<String, Class<? extends Record>> BY_NAME =
            RECORDS.stream().collect(Collectors.toUnmodifiableMap(EventCatalog::typeName, Function.identity()));

    private EventCatalog() {}

    /** The CloudEvents type of {@code record}, from its {@link EventType} annotation. */
    public static String typeName(Class<?> record) {
        return annotation(record).name();
    }

    /** The topic {@code record} travels on. */
    public static String topic(Class<?> record) {
        return annotation(record).topic();
    }

    /** The classpath resource holding the JSON Schema of {@code record}. */
    public static String schemaResource(Class<?> record) {
        return "/schemas/" + typeName(record) + ".schema.json";
    }

    /** The record class of a CloudEvents type name, if the suite knows it. */
    public static Optional<Class<? extends Record>> byTypeName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    private static EventType annotation(Class<?> record) {
        EventType type = record.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(record.getName() + " is not annotated with @EventType");
        }
        return type;
    }
}
