package org.cairn.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI FHIR's R4 instance validator, offline (the R4 definitions from the classpath, no terminology
 * server), built once per test JVM: it takes seconds. A module that uses it adds the HAPI FHIR test
 * dependencies itself (they are optional here, so other modules do not carry them).
 */
public final class FhirR4 {

    private static final Set<ResultSeverityEnum> FAILING = Set.of(ResultSeverityEnum.ERROR, ResultSeverityEnum.FATAL);
    private static FhirValidator validator;

    private FhirR4() {}

    /** Every message the validator gives for a FHIR JSON document. */
    public static synchronized ValidationResult validate(String json) {
        if (validator == null) {
            FhirContext fhir = FhirContext.forR4();
            ValidationSupportChain support = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(fhir),
                    new InMemoryTerminologyServerValidationSupport(fhir),
                    new CommonCodeSystemsTerminologyService(fhir),
                    new SnapshotGeneratingValidationSupport(fhir));
            validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        }
        return validator.validateWithResult(json);
    }

    /** The ERROR and FATAL messages of a result, one line each. */
    public static List<String> failures(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> FAILING.contains(m.getSeverity()))
                .map(FhirR4::describe)
                .toList();
    }

    /** The ERROR and FATAL messages for a FHIR JSON document; empty when it is valid R4. */
    public static List<String> errors(String json) {
        return failures(validate(json));
    }

    public static String describe(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
    }
}
