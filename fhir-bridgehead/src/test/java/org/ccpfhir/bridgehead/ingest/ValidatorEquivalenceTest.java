package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.ccpfhir.profiles.MdsValidator;
import org.ccpfhir.profiles.fast.FastMdsValidator;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FAST (the default) and FULL (the HL7 validator) give the same verdict on every resource of the
 * fixture corpora, in the form in which the ingest path sees it: entries of a transaction bundle
 * parsed from JSON, PUT with client ids and POST with {@code urn:uuid} fullUrls. For every refused
 * resource both name the same elements and rules. The corpora: the shipped MDS examples (valid,
 * invalid, DKTK onco-core shaped, wider data set) and the synthetic generator at many seeds and
 * sites.
 */
class ValidatorEquivalenceTest {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatorEquivalenceTest.class);
  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static final List<String> SITES = List.of("HD", "TUE", "DD", "MZ");
  private static final int SEEDS = 24;
  private static final int PATIENTS_PER_SEED = 3;
  private static final String PASS_THROUGH = "Terminology_PassThrough_TX_Message";

  private static FastMdsValidator fast;
  private static MdsValidator full;

  @BeforeAll
  static void validators() {
    fast = FastMdsValidator.create(CTX);
    full = fast.fallback();
  }

  @Test
  void sameVerdictOnTheShippedExamplesAsPutAndAsPostEntries() {
    Comparison comparison = new Comparison();
    for (EntryMode mode : EntryMode.values()) {
      Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      for (Example example : MdsExamples.all()) {
        add(bundle, (Resource) example.parse(CTX), mode);
      }
      comparison.compareEntries(roundTrip(bundle), mode + " examples");
    }
    comparison.report();
    // the examples with an MDS profile are decided by the fast path itself, but for UCUM
    // quantities (biobank sample volumes: the fast path has no UCUM grammar)
    long toHl7 =
        MdsExamples.all().stream()
            .filter(
                example ->
                    example.kind() == Kind.WIDER
                        || CTX.newJsonParser()
                            .encodeResourceToString(example.parse(CTX))
                            .contains("\"system\":\"http://unitsofmeasure.org\""))
            .count();
    assertThat(comparison.delegated).isEqualTo(2L * toHl7);
  }

  @Test
  void everyInvalidExampleIsRefusedByBothAtTheSameElementForTheSameRule() {
    for (Example example : MdsExamples.of(Kind.INVALID)) {
      for (EntryMode mode : EntryMode.values()) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        add(bundle, (Resource) example.parse(CTX), mode);
        Resource resource = roundTrip(bundle).getEntryFirstRep().getResource();

        ValidationResult fullResult = full.validate(resource);
        ValidationResult fastResult = fast.validate(resource);

        assertThat(refuses(fullResult)).as("%s (%s) refused by FULL", example, mode).isTrue();
        assertThat(refuses(fastResult)).as("%s (%s) refused by FAST", example, mode).isTrue();
        assertThat(errors(fastResult)).as("%s (%s)", example, mode).isEqualTo(errors(fullResult));
      }
    }
  }

  @Test
  void sameVerdictOnSyntheticPatientsAtManySeedsAndSites() {
    Comparison comparison = new Comparison();
    for (int seed = 1; seed <= SEEDS; seed++) {
      String site = SITES.get(seed % SITES.size());
      EntryMode mode = seed % 2 == 0 ? EntryMode.PUT : EntryMode.POST;
      SyntheticPatientGenerator generator = new SyntheticPatientGenerator(seed, site, mode, false);
      Bundle bundle =
          SyntheticPatientGenerator.merge(generator.patients(0, PATIENTS_PER_SEED).toList());
      comparison.compareEntries(roundTrip(bundle), "seed " + seed + " " + site + " " + mode);
    }
    comparison.report();
    assertThat(comparison.resources).isGreaterThan(SEEDS * PATIENTS_PER_SEED * 5);
    // the generator writes MDS resources only: all of them are decided by the fast path
    assertThat(comparison.delegated).isZero();
  }

  /** The verdicts of both validators over many resources, with every disagreement described. */
  private static final class Comparison {
    final List<String> disagreements = new ArrayList<>();
    int resources;
    int refused;
    long delegated;

    void compareEntries(Bundle bundle, String corpus) {
      long before = fast.delegatedCount();
      List<BundleEntryComponent> entries = bundle.getEntry();
      for (int i = 0; i < entries.size(); i++) {
        Resource resource = entries.get(i).getResource();
        List<String> profiles = fast.selectProfiles(resource);
        ValidationResult fullResult = full.validate(resource, profiles);
        ValidationResult fastResult = fast.validate(resource, profiles);
        Set<String> expected = errors(fullResult);
        Set<String> actual = errors(fastResult);
        resources++;
        refused += refuses(fullResult) ? 1 : 0;
        if (refuses(fullResult) != refuses(fastResult) || !expected.equals(actual)) {
          disagreements.add(
              corpus
                  + " entry "
                  + i
                  + " "
                  + resource.fhirType()
                  + " "
                  + profiles
                  + "\n  FULL: "
                  + expected
                  + "\n  FAST: "
                  + actual);
        }
      }
      delegated += fast.delegatedCount() - before;
    }

    void report() {
      LOG.info(
          "{} resources, {} refused by FULL, {} delegated to FULL, {} disagreements",
          resources,
          refused,
          delegated,
          disagreements.size());
      assertThat(disagreements).as("FULL and FAST disagree").isEmpty();
    }
  }

  private static void add(Bundle bundle, Resource resource, EntryMode mode) {
    BundleEntryComponent entry = bundle.addEntry().setResource(resource);
    if (mode == EntryMode.PUT) {
      String id = resource.hasIdElement() ? resource.getIdElement().getIdPart() : null;
      id = id == null ? UUID.randomUUID().toString() : id;
      resource.setId(id);
      entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + id);
    } else {
      resource.setId((String) null);
      entry.setFullUrl("urn:uuid:" + UUID.randomUUID());
      entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
    }
  }

  /** As the server receives it: parsing gives POST entries their fullUrl as resource id. */
  private static Bundle roundTrip(Bundle bundle) {
    IParser parser = CTX.newJsonParser();
    return parser.parseResource(Bundle.class, parser.encodeResourceToString(bundle));
  }

  private static boolean refuses(ValidationResult result) {
    return result.getMessages().stream().anyMatch(ValidatorEquivalenceTest::isError);
  }

  /**
   * The refusing messages as element and rule, the parts both validators must agree on. The HL7
   * validator repeats the terminology service's explanation of a failed code lookup as extra
   * messages ({@code Terminology_PassThrough_TX_Message}, at the concept and at the coding) next to
   * the rule's own message; FAST puts that explanation into the rule's message instead.
   */
  private static Set<String> errors(ValidationResult result) {
    Set<String> out = new TreeSet<>();
    for (SingleValidationMessage message : result.getMessages()) {
      if (isError(message) && !PASS_THROUGH.equals(message.getMessageId())) {
        out.add(message.getLocationString() + " [" + message.getMessageId() + "]");
      }
    }
    return out;
  }

  private static boolean isError(SingleValidationMessage message) {
    return message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal();
  }
}
