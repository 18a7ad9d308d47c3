package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.ccpfhir.terminology.CcpTerminologyValidationSupport;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MdsEntryValidatorTest {

  private static final FhirContext CTX = FhirContext.forR4Cached();

  @Test
  void locatesValidatorMessagesInsideTheBundle() {
    assertThat(
            MdsEntryValidator.locate(
                "Bundle.entry[3].resource",
                "Observation",
                "Observation.value.ofType(CodeableConcept)"))
        .isEqualTo("Bundle.entry[3].resource.ofType(Observation).value.ofType(CodeableConcept)");
    assertThat(MdsEntryValidator.locate("Bundle.entry[0].resource", "Patient", "Patient"))
        .isEqualTo("Bundle.entry[0].resource.ofType(Patient)");
  }

  @Test
  void keepsResourceRelativeLocationsForSingleResources() {
    assertThat(MdsEntryValidator.locate("Patient", "Patient", "Patient.gender"))
        .isEqualTo("Patient.gender");
  }

  @Test
  void fastIsTheDefaultAndFullStaysSelectable() {
    assertThat(bind(Map.of()).validator()).isEqualTo(IngestProperties.ValidatorKind.FAST);
    assertThat(bind(Map.of("ccp.ingest.validator", "FULL")).validator())
        .isEqualTo(IngestProperties.ValidatorKind.FULL);
  }

  @Test
  void bothValidatorsRefuseAnInvalidEntryAtTheSameElementAndAcceptAValidPostEntry() {
    Example invalid = MdsExamples.of(Kind.INVALID).get(0);
    Example valid = MdsExamples.of(Kind.VALID).get(0);
    for (IngestProperties.ValidatorKind kind : IngestProperties.ValidatorKind.values()) {
      MdsEntryValidator validator = validator(kind, new SimpleMeterRegistry());

      IngestIssues refused = new IngestIssues();
      validator.validate((Resource) invalid.parse(CTX), "Bundle.entry[0].resource", refused);
      IngestIssues accepted = new IngestIssues();
      Resource posted = (Resource) valid.parse(CTX);
      posted.setId("urn:uuid:0b6f6d2e-4c6a-4a53-9a0e-2f1e7f0c9d11"); // as parsed from a POST entry
      validator.validate(posted, "Bundle.entry[1].resource", accepted);

      assertThat(refused.hasErrors()).as(kind.name()).isTrue();
      assertThat(refused.toOperationOutcome().getIssue())
          .as(kind.name())
          .map(OperationOutcomeIssueComponent::getDiagnostics)
          .anySatisfy(d -> assertThat(d).contains(invalid.expectedMessage()));
      assertThat(accepted.hasErrors()).as(kind.name()).isFalse();
    }
  }

  @Test
  void resourcesTheFastPathCannotDecideAreCountedByReason() {
    MeterRegistry registry = new SimpleMeterRegistry();
    MdsEntryValidator validator = validator(IngestProperties.ValidatorKind.FAST, registry);
    Resource wider = (Resource) MdsExamples.of(Kind.WIDER).get(0).parse(CTX);
    Patient narrated =
        (Patient)
            MdsExamples.of(Kind.VALID).stream()
                .map(e -> e.parse(CTX))
                .filter(Patient.class::isInstance)
                .findFirst()
                .orElseThrow();
    narrated
        .getText()
        .setStatus(Narrative.NarrativeStatus.GENERATED)
        .setDivAsString("<div>x</div>");

    validator.validate(wider, "Bundle.entry[0].resource", new IngestIssues());
    validator.validate(narrated, "Bundle.entry[1].resource", new IngestIssues());
    validator.validate(narrated, "Bundle.entry[2].resource", new IngestIssues());

    assertThat(fallbacks(registry, "no-mds-profile")).isEqualTo(1);
    assertThat(fallbacks(registry, "unsupported-content")).isEqualTo(2);
  }

  private static double fallbacks(MeterRegistry registry, String reason) {
    return registry
        .get(MdsEntryValidator.FALLBACKS)
        .tag("reason", reason)
        .functionCounter()
        .count();
  }

  private static MdsEntryValidator validator(
      IngestProperties.ValidatorKind kind, MeterRegistry registry) {
    IngestProperties properties = new IngestProperties(1, false, kind, 1, Duration.ofSeconds(1));
    return new MdsEntryValidator(
        CTX, new CcpTerminologyValidationSupport(CTX), properties, registry);
  }

  private static IngestProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("ccp.ingest", IngestProperties.class);
  }
}
