package org.ccpfhir.profiles.gate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.ccpfhir.profiles.MdsResourceLoader;
import org.ccpfhir.profiles.ProfileSelector;
import org.ccpfhir.profiles.shapes.InputShapes;
import org.ccpfhir.profiles.shapes.ShapeFixtures;
import org.ccpfhir.profiles.shapes.ShapeFixtures.Shape;
import org.ccpfhir.terminology.CcpTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiment: the gate through fhir-core's ValidationEngine, offline. */
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
  void everyShippedConformanceResourceValidates() throws Exception {
    List<IBaseResource> resources = new ArrayList<>(MdsResourceLoader.shared().all());
    resources.addAll(CcpTerminology.get().allResources());
    List<String> errors = new ArrayList<>();
    for (IBaseResource resource : resources) {
      errors.addAll(errors(resource, List.of()));
    }
    errors.forEach(System.out::println);
    assertThat(errors).isEmpty();
  }

  @Test
  void everyValidExampleAndShapeFixtureValidatesAgainstItsProfiles() throws Exception {
    ProfileSelector selector = new ProfileSelector();
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (Kind kind : List.of(Kind.VALID, Kind.DKTK, Kind.WIDER)) {
      for (MdsExamples.Example example : MdsExamples.of(kind)) {
        IBaseResource resource = example.parse(CTX);
        new InputShapes().normalise((org.hl7.fhir.r4.model.Resource) resource, "example");
        errors.addAll(errors(resource, selector.select(resource)));
        checked++;
      }
    }
    for (Shape shape : Shape.values()) {
      Bundle bundle = ShapeFixtures.bundle(CTX, Shape.valueOf(shape.name()), "gate", "Muster");
      errors.addAll(errors(bundle, List.of()));
      checked++;
    }
    errors.forEach(System.out::println);
    assertThat(checked).isGreaterThan(40);
    assertThat(errors).isEmpty();
  }

  private static List<String> errors(IBaseResource resource, List<String> profiles)
      throws Exception {
    byte[] json = CTX.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
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
