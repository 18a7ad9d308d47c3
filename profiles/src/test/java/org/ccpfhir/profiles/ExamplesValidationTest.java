package org.ccpfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.stream.Stream;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
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

  static Stream<Example> valid() {
    return MdsExamples.of(Kind.VALID).stream();
  }

  static Stream<Example> invalid() {
    return MdsExamples.of(Kind.INVALID).stream();
  }

  static Stream<Example> dktk() {
    return MdsExamples.of(Kind.DKTK).stream();
  }

  static Stream<Example> wider() {
    return MdsExamples.of(Kind.WIDER).stream();
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validExampleHasNoErrors(Example example) {
    IBaseResource resource = example.parse(CTX);
    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());

    ValidationResult result = validator.validate(resource);

    assertThat(errors(result)).as(dump(result)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validExampleWithoutMetaProfileIsRecognisedByShape(Example example) {
    IBaseResource resource = example.parse(CTX);
    resource.getMeta().getProfile().clear();

    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());
    assertThat(errors(validator.validate(resource))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidExampleFailsAtTheExpectedElement(Example example) {
    IBaseResource resource = example.parse(CTX);
    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());

    ValidationResult result = validator.validate(resource);

    assertThat(errors(result))
        .as(dump(result))
        .anySatisfy(
            error -> {
              // HAPI reports cardinality errors at the parent and names the element in the message
              assertThat(error.getLocationString() + " " + error.getMessage())
                  .contains(example.expectedLocation());
              assertThat(error.getMessage()).contains(example.expectedMessage());
            });
  }

  @ParameterizedTest
  @MethodSource("dktk")
  void dktkShapedExampleIsMappedAndValid(Example example) {
    IBaseResource resource = example.parse(CTX);
    assertThat(validator.selectProfiles(resource)).containsExactly(example.profileUrl());

    ValidationResult result = validator.validate(resource);

    assertThat(errors(result)).as(dump(result)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("wider")
  void widerDataSetExampleValidatesAgainstBaseR4Only(Example example) {
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
