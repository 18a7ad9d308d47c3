package org.ccpfhir.profiles.gate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.ccpfhir.profiles.MdsResourceLoader;
import org.ccpfhir.profiles.ProfileSelector;
import org.ccpfhir.terminology.CcpTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 5, the weaker point: the HL7 validator's {@code ValidationEngine} (what the
 * official command-line validator runs) offline, on a core package written from HAPI's R4 resources
 * ({@link OfflineValidationEngine}; web access prohibited, so a download attempt fails the test).
 * It runs, but is not yet the gate: with the engine's defaults it reports errors that are the
 * tool's (references between examples it cannot resolve, extension definitions of the {@code
 * hl7.fhir.uv.tools} package absent offline, example URLs in HAPI's core snapshots) next to
 * findings still to triage (profiles/README "Official validator gate"), so {@link
 * OfficialValidatorGateTest} stays the gate. This test proves the offline set-up and prints the
 * errors by message id for that triage.
 */
class ValidationEngineGateTest {

  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static OfflineValidationEngine engine;

  @TempDir static Path work;

  @BeforeAll
  static void engine() throws Exception {
    List<IBaseResource> own = new ArrayList<>(MdsResourceLoader.shared().all());
    own.addAll(CcpTerminology.get().allResources());
    engine = OfflineValidationEngine.create(CTX, work, own);
  }

  @Test
  void validatesOfflineAgainstTheProjectsProfiles() throws Exception {
    ProfileSelector selector = new ProfileSelector();
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (MdsExamples.Example example : MdsExamples.of(Kind.VALID)) {
      IBaseResource resource = example.parse(CTX);
      errors.addAll(errors(resource, selector.select(resource)));
      checked++;
    }
    Map<String, Long> byMessage =
        errors.stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.substring(e.lastIndexOf('[')), TreeMap::new, Collectors.counting()));
    System.out.println("ValidationEngine offline, " + checked + " examples: errors " + byMessage);
    assertThat(checked).isGreaterThan(15);
    // the project's profiles were found in the package (an unknown profile would be an error)
    assertThat(errors).noneMatch(e -> e.contains("Profile_Unknown"));
    // the Patient example has no reference to resolve: no error at all
    IBaseResource patient =
        MdsExamples.of(Kind.VALID).stream()
            .map(e -> e.parse(CTX))
            .filter(r -> r.fhirType().equals("Patient"))
            .findFirst()
            .orElseThrow();
    assertThat(errors(patient, selector.select(patient))).isEmpty();
  }

  private static List<String> errors(IBaseResource resource, List<String> profiles)
      throws Exception {
    byte[] json =
        CTX.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    List<String> errors = new ArrayList<>();
    for (ValidationMessage message : engine.validate(json, profiles)) {
      if (message.getLevel() == IssueSeverity.ERROR || message.getLevel() == IssueSeverity.FATAL) {
        errors.add(
            resource.fhirType()
                + "/"
                + resource.getIdElement().getIdPart()
                + " "
                + message.getLocation()
                + ": "
                + message.getMessage()
                + " ["
                + message.getMessageId()
                + "]");
      }
    }
    return errors;
  }
}
