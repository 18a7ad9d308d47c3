package org.ccpfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesValidationTest {

  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static MdsValidator validator;

  @BeforeAll
  static void buildValidator() {
    validator = MdsValidator.create(CTX);
  }

  static Stream<Examples> valid() {
    return Examples.ofKind("valid").stream();
  }

  static Stream<Examples> invalid() {
    return Examples.ofKind("invalid").stream();
  }

  static Stream<Examples> dktk() {
    return Examples.ofKind("dktk").stream();
  }

  static Stream<Examples> wider() {
    return Examples.ofKind("wider").stream();
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validExampleHasNoErrors(Examples example) {
    IBaseResource resource = example.parse(CTX);
    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());

    ValidationResult result = validator.validate(resource);

    assertThat(errors(result)).as(dump(result)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validExampleWithoutMetaProfileIsRecognisedByShape(Examples example) {
    IBaseResource resource = example.parse(CTX);
    resource.getMeta().getProfile().clear();

    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());
    assertThat(errors(validator.validate(resource))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidExampleFailsAtTheExpectedElement(Examples example) {
    IBaseResource resource = example.parse(CTX);
    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());

    ValidationResult result = validator.validate(resource);

    assertThat(errors(result))
        .as(dump(result))
        .anySatisfy(
            error -> {
              // HAPI reports cardinality errors at the parent and names the element in the message
              assertThat(error.getLocationString() + " " + error.getMessage())
                  .contains(example.location());
              assertThat(error.getMessage()).contains(example.message());
            });
  }

  @ParameterizedTest
  @MethodSource("dktk")
  void dktkShapedExampleIsMappedAndValid(Examples example) {
    IBaseResource resource = example.parse(CTX);
    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());

    ValidationResult result = validator.validate(resource);

    assertThat(errors(result)).as(dump(result)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("wider")
  void widerDataSetExampleValidatesAgainstBaseR4Only(Examples example) {
    IBaseResource resource = example.parse(CTX);
    assertThat(validator.selectProfiles(resource)).isEmpty();

    ValidationResult result = validator.validate(resource);

    assertThat(errors(result)).as(dump(result)).isEmpty();
  }

  static List<SingleValidationMessage> errors(ValidationResult result) {
    return result.getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .toList();
  }

  static String dump(ValidationResult result) {
    StringBuilder out = new StringBuilder();
    for (SingleValidationMessage m : result.getMessages()) {
      out.append('\n')
          .append(m.getSeverity())
          .append(' ')
          .append(m.getLocationString())
          .append(": ")
          .append(m.getMessage());
    }
    return out.toString();
  }
}
