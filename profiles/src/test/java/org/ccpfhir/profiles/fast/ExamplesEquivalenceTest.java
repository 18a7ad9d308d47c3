package org.ccpfhir.profiles.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.profiles.fast.Shared.CTX;
import static org.ccpfhir.profiles.fast.Shared.dump;
import static org.ccpfhir.profiles.fast.Shared.errors;

import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
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

  private static final String UCUM = "\"system\":\"http://unitsofmeasure.org\"";

  @ParameterizedTest
  @MethodSource("examples")
  void mdsExamplesAreCheckedByTheFastPath(Example example) {
    FastMdsValidator fast = Shared.validator();
    IBaseResource resource = example.parse(CTX);
    long before = fast.delegatedCount();

    fast.validate(resource);

    long delegated = fast.delegatedCount() - before;
    // only the wider data set (no MDS profile) and UCUM quantities (biobank sample volumes: the
    // fast path has no UCUM grammar) go to the HL7 validator
    boolean ucum = CTX.newJsonParser().encodeResourceToString(resource).contains(UCUM);
    assertThat(delegated).isEqualTo(example.kind() == Kind.WIDER || ucum ? 1 : 0);
  }

  @Test
  void concurrentUseGivesTheSameMessages() throws Exception {
    FastMdsValidator fast = Shared.validator();
    List<IBaseResource> resources =
        MdsExamples.all().stream().map(e -> e.parse(CTX)).map(r -> (IBaseResource) r).toList();
    List<String> expected = resources.stream().map(r -> summary(fast.validate(r))).toList();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            pool.submit(
                () -> {
                  List<String> last = null;
                  for (int round = 0; round < 20; round++) {
                    last = resources.stream().map(r -> summary(fast.validate(r))).toList();
                  }
                  return last;
                }));
      }
      for (Future<List<String>> run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static String summary(ValidationResult result) {
    return result.getMessages().stream()
        .map(m -> m.getSeverity() + " " + m.getLocationString() + " " + m.getMessage())
        .sorted()
        .toList()
        .toString();
  }
}
