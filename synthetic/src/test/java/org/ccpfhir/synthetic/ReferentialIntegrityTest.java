package org.ccpfhir.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReferentialIntegrityTest {

  private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

  @ParameterizedTest
  @EnumSource(EntryMode.class)
  void everyReferenceResolvesInsideItsBundle(EntryMode mode) {
    var generator = new SyntheticPatientGenerator(99, "DD", mode, false);
    for (int i = 0; i < 300; i++) {
      Bundle bundle = generator.patient(i);
      Map<String, String> typeByKey = new HashMap<>();
      for (BundleEntryComponent e : bundle.getEntry()) {
        String key = mode == EntryMode.PUT ? e.getRequest().getUrl() : e.getFullUrl();
        assertThat(typeByKey.put(key, e.getResource().fhirType())).as("duplicate " + key).isNull();
      }
      for (BundleEntryComponent e : bundle.getEntry()) {
        for (Reference ref :
            TERSER.getAllPopulatedChildElementsOfType(e.getResource(), Reference.class)) {
          assertThat(typeByKey)
              .as("reference from %s", e.getResource().fhirType())
              .containsKey(ref.getReference());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(EntryMode.class)
  void subjectsPointToThePatientAndFocusToTheDiagnosis(EntryMode mode) {
    var generator = new SyntheticPatientGenerator(5, "HD", mode, false);
    for (int i = 0; i < 100; i++) {
      Bundle bundle = generator.patient(i);
      String patientKey = key(mode, bundle.getEntryFirstRep());
      String conditionKey = key(mode, bundle.getEntry().get(1));
      assertThat(bundle.getEntry().get(1).getResource().fhirType()).isEqualTo("Condition");
      for (BundleEntryComponent e : bundle.getEntry()) {
        if (e.getResource() instanceof org.hl7.fhir.r4.model.Observation o) {
          assertThat(o.getSubject().getReference()).isEqualTo(patientKey);
          o.getFocus().forEach(f -> assertThat(f.getReference()).isEqualTo(conditionKey));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(EntryMode.class)
  void businessIdentifiersAreUniqueAcrossThePopulation(EntryMode mode) {
    var generator = new SyntheticPatientGenerator(11, "TUE", mode, false);
    Set<String> seen = new HashSet<>();
    generator
        .patients(0, 200)
        .flatMap(b -> b.getEntry().stream())
        .forEach(
            e -> {
              String token = identifierToken(e);
              assertThat(seen.add(token)).as("duplicate identifier " + token).isTrue();
            });
  }

  private static String identifierToken(BundleEntryComponent e) {
    var identifiers =
        TERSER.getValues(e.getResource(), "identifier", org.hl7.fhir.r4.model.Identifier.class);
    assertThat(identifiers).as(e.getResource().fhirType()).hasSize(1);
    return identifiers.get(0).getSystem() + "|" + identifiers.get(0).getValue();
  }

  private static String key(EntryMode mode, BundleEntryComponent e) {
    return mode == EntryMode.PUT ? e.getRequest().getUrl() : e.getFullUrl();
  }
}
