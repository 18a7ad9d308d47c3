package org.ccpfhir.profiles.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.profiles.fast.Shared.CTX;
import static org.ccpfhir.profiles.fast.Shared.dump;
import static org.ccpfhir.profiles.fast.Shared.errors;

import ca.uhn.fhir.validation.ValidationResult;
import java.util.stream.Stream;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fast validator and the HL7 validator agree on every shipped example. */
class ExamplesEquivalenceTest {

  static Stream<Example> examples() {
    return MdsExamples.all().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void sameVerdictAsHl7Validator(Example example) {
    FastMdsValidator fast = Shared.validator();
    IBaseResource resource = example.parse(CTX);

    ValidationResult expected = fast.fallback().validate(resource);
    ValidationResult actual = fast.validate(resource);

    assertThat(errors(actual).isEmpty())
        .as("HL7:%s%nfast:%s", dump(expected), dump(actual))
        .isEqualTo(errors(expected).isEmpty());
    if (example.kind() == Kind.INVALID) {
      assertThat(errors(actual))
          .as(dump(actual))
          .anySatisfy(
              error -> {
                assertThat(error.getLocationString() + " " + error.getMessage())
                    .contains(example.expectedLocation());
                assertThat(error.getMessage()).contains(example.expectedMessage());
              });
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void mdsExamplesAreCheckedByTheFastPath(Example example) {
    FastMdsValidator fast = Shared.validator();
    IBaseResource resource = example.parse(CTX);
    long before = fast.delegatedCount();

    fast.validate(resource);

    long delegated = fast.delegatedCount() - before;
    // only the wider data set (no MDS profile) goes to the HL7 validator
    assertThat(delegated).isEqualTo(example.kind() == Kind.WIDER ? 1 : 0);
  }
}
