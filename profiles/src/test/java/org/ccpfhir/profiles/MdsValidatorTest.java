package org.ccpfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class MdsValidatorTest {

  private static final Logger LOG = LoggerFactory.getLogger(MdsValidatorTest.class);
  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static MdsValidator validator;

  @BeforeAll
  static void buildValidator() {
    long start = System.nanoTime();
    validator = MdsValidator.create(CTX);
    LOG.info("MdsValidator built in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void bundleEntriesAreValidatedWithLocationsInsideTheBundle() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (Example example : MdsExamples.of(Kind.DKTK)) {
      bundle.addEntry().setResource((Resource) example.parse(CTX));
    }
    Patient identified = (Patient) MdsExamples.of(Kind.INVALID).get(0).parse(CTX);
    bundle.addEntry().setResource(identified);
    int last = bundle.getEntry().size() - 1;

    ValidationResult result = validator.validateEntries(bundle);

    assertThat(ExamplesValidationTest.errors(result))
        .isNotEmpty()
        .allSatisfy(
            error ->
                assertThat(error.getLocationString())
                    .isEqualTo("Bundle.entry[" + last + "].resource.birthDate"));
  }

  @Test
  void emptyProfileListChecksBaseR4() {
    Patient patient = new Patient();
    patient.addName().setFamily("Muster");
    patient.getBirthDateElement().setValueAsString("1961-07-14");

    assertThat(ExamplesValidationTest.errors(validator.validate(patient, List.of()))).isEmpty();
    assertThat(ExamplesValidationTest.errors(validator.validate(patient))).isNotEmpty();
  }

  @Test
  void tnmEditionOutsideSixToEightIsOnlyAWarning() {
    Observation tnm = (Observation) example("valid/mds-observation-tnmc.json");
    tnm.getValueCodeableConcept().getCodingFirstRep().setVersion("8-pathologie");

    ValidationResult result = validator.validate(tnm);

    assertThat(ExamplesValidationTest.errors(result)).isEmpty();
    assertThat(result.getMessages())
        .anyMatch(
            m ->
                m.getSeverity() == ResultSeverityEnum.WARNING
                    && m.getMessage().contains("mds-tnm-1"));
  }

  @Test
  void extraCodingsNextToTheRequiredOnesAreAllowed() {
    Specimen specimen = (Specimen) example("valid/mds-specimen.json");
    specimen.getType().getCoding().add(0, new Coding("urn:centraxx", "TISSUE-FFPE", null));

    assertThat(ExamplesValidationTest.errors(validator.validate(specimen))).isEmpty();
  }

  @Test
  void unknownCodeInARequiredBindingIsAnErrorEvenNextToOtherCodings() {
    Observation grading = (Observation) example("valid/mds-observation-grading.json");
    grading.getValueCodeableConcept().getCodingFirstRep().setCode("G9");
    grading.getValueCodeableConcept().addCoding(new Coding("urn:centraxx", "G9", null));

    assertThat(ExamplesValidationTest.errors(validator.validate(grading))).isNotEmpty();
  }

  private static IBaseResource example(String file) {
    return MdsExamples.all().stream()
        .filter(e -> e.file().equals(file))
        .findFirst()
        .orElseThrow()
        .parse(CTX);
  }

  /** Not a timed assertion: logs the cost per resource on the ingest path for the README. */
  @Test
  void measuresValidationCostPerResource() throws Exception {
    List<IBaseResource> resources =
        Stream.concat(MdsExamples.of(Kind.VALID).stream(), MdsExamples.of(Kind.DKTK).stream())
            .map(e -> e.parse(CTX))
            .toList();
    resources.forEach(validator::validate); // warm-up: worker context, snapshots, code caches

    int rounds = 20;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      for (IBaseResource resource : resources) {
        validator.validate(resource);
      }
    }
    double single = (System.nanoTime() - start) / 1e6 / (rounds * resources.size());

    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> futures = new ArrayList<>();
    start = System.nanoTime();
    for (int t = 0; t < 2; t++) {
      futures.add(
          pool.submit(
              () -> {
                int errors = 0;
                for (int i = 0; i < rounds; i++) {
                  for (IBaseResource resource : resources) {
                    errors += ExamplesValidationTest.errors(validator.validate(resource)).size();
                  }
                }
                return errors;
              }));
    }
    int errors = 0;
    for (Future<Integer> future : futures) {
      errors += future.get();
    }
    double parallel = (System.nanoTime() - start) / 1e6 / (2 * rounds * resources.size());
    pool.shutdown();

    LOG.info(
        "MDS validation: {} ms/resource single-threaded, {} ms/resource with 2 threads ({} resources"
            + " x {} rounds)",
        String.format("%.2f", single),
        String.format("%.2f", parallel),
        resources.size(),
        rounds);
    assertThat(errors).isZero();
  }
}
