package org.ccpfhir.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.Test;

class SyntheticPatientGeneratorTest {

  private static final IParser JSON = FhirContext.forR4Cached().newJsonParser();

  @Test
  void sameSeedGivesByteIdenticalJson() {
    for (EntryMode mode : EntryMode.values()) {
      var first = new SyntheticPatientGenerator(42, "HD", mode, false);
      var second = new SyntheticPatientGenerator(42, "HD", mode, false);
      List<String> a = first.patients(0, 50).map(JSON::encodeResourceToString).toList();
      List<String> b = second.patients(0, 50).map(JSON::encodeResourceToString).toList();
      assertThat(a).isEqualTo(b);
    }
  }

  @Test
  void patientDoesNotDependOnGenerationOrder() {
    var generator = new SyntheticPatientGenerator(7, "TUE", EntryMode.POST, true);
    String viaStream = JSON.encodeResourceToString(generator.patients(10, 10).toList().get(7));
    String direct =
        JSON.encodeResourceToString(
            new SyntheticPatientGenerator(7, "TUE", EntryMode.POST, true).patient(17));
    assertThat(direct).isEqualTo(viaStream);
  }

  @Test
  void otherSeedOrSiteGivesOtherPatients() {
    String hd42 = JSON.encodeResourceToString(gen(42, "HD").patient(3));
    assertThat(JSON.encodeResourceToString(gen(43, "HD").patient(3))).isNotEqualTo(hd42);
    assertThat(gen(42, "HD").pseudonym(3)).isNotEqualTo(gen(42, "DD").pseudonym(3));
    assertThat(gen(42, "HD").pseudonym(3)).isNotEqualTo(gen(43, "HD").pseudonym(3));
  }

  @Test
  void putModeUsesLowerCaseClientIds() {
    Bundle bundle = gen(42, "HD").patient(17);
    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
    BundleEntryComponent patient = bundle.getEntryFirstRep();
    assertThat(patient.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
    assertThat(patient.getRequest().getUrl()).isEqualTo("Patient/hd-17");
    assertThat(entry(bundle, "Condition").getRequest().getUrl()).isEqualTo("Condition/hd-17-dx");
    for (BundleEntryComponent e : bundle.getEntry()) {
      String id = e.getResource().getIdElement().getIdPart();
      assertThat(id).matches("hd-17(-[a-z0-9-]+)?");
      assertThat(e.getRequest().getUrl()).isEqualTo(e.getResource().fhirType() + "/" + id);
    }
  }

  @Test
  void postModeUsesUrnUuidsAndConditionalCreates() {
    var generator = new SyntheticPatientGenerator(42, "HD", EntryMode.POST, false);
    Bundle bundle = generator.patient(5);
    Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
    String pseudonym = generator.pseudonym(5);
    assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(pseudonym);
    assertThat(bundle.getEntryFirstRep().getRequest().getIfNoneExist())
        .isEqualTo("identifier=https://ccp-fhir.org/fhir/sid/BK-HD-L|" + pseudonym);
    for (BundleEntryComponent e : bundle.getEntry()) {
      assertThat(e.getFullUrl()).startsWith("urn:uuid:");
      assertThat(e.getResource().hasId()).isFalse();
      assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
      assertThat(e.getRequest().getUrl()).isEqualTo(e.getResource().fhirType());
      if (e.getResource() instanceof Specimen) {
        assertThat(e.getRequest().getIfNoneExist())
            .startsWith(
                "identifier=https://ccp-fhir.org/fhir/sid/HD-sample|" + pseudonym + "-spec");
      } else if (!(e.getResource() instanceof Patient)) {
        assertThat(e.getRequest().getIfNoneExist())
            .startsWith("identifier=https://ccp-fhir.org/fhir/sid/hd-resource|" + pseudonym + "-");
      }
    }
    Condition condition = (Condition) entry(bundle, "Condition").getResource();
    assertThat(condition.getSubject().getReference())
        .isEqualTo(bundle.getEntryFirstRep().getFullUrl());
  }

  @Test
  void pseudonymIsTenUpperCaseAlphanumerics() {
    var generator = gen(1, "DD");
    for (int i = 0; i < 100; i++) {
      assertThat(generator.pseudonym(i)).matches("[A-Z0-9]{10}");
    }
    Patient patient = (Patient) generator.patient(0).getEntryFirstRep().getResource();
    assertThat(patient.getIdentifierFirstRep().getSystem())
        .isEqualTo("https://ccp-fhir.org/fhir/sid/BK-DD-L");
  }

  @Test
  void withoutIdatOnlyBirthMonth() {
    for (int i = 0; i < 30; i++) {
      Patient p = (Patient) gen(42, "HD").patient(i).getEntryFirstRep().getResource();
      assertThat(p.getBirthDateElement().getValueAsString()).matches("\\d{4}-\\d{2}");
      assertThat(p.hasName()).isFalse();
      assertThat(p.hasAddress()).isFalse();
      assertThat(p.hasTelecom()).isFalse();
    }
  }

  @Test
  void withIdatAddsNameExactBirthDateAndAddress() {
    var plain = gen(42, "HD");
    var idat = new SyntheticPatientGenerator(42, "HD", EntryMode.PUT, true);
    for (int i = 0; i < 30; i++) {
      Patient p = (Patient) idat.patient(i).getEntryFirstRep().getResource();
      Patient q = (Patient) plain.patient(i).getEntryFirstRep().getResource();
      assertThat(p.getBirthDateElement().getValueAsString()).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(p.getBirthDateElement().getValueAsString())
          .startsWith(q.getBirthDateElement().getValueAsString());
      assertThat(p.getNameFirstRep().getFamily()).isNotBlank();
      assertThat(p.getNameFirstRep().getGivenAsSingleString()).isNotBlank();
      assertThat(p.getAddressFirstRep().getCity()).isNotBlank();
      assertThat(p.getAddressFirstRep().getPostalCode()).matches("\\d{5}");
      // IDAT do not change the clinical data
      assertThat(idat.patient(i).getEntry()).hasSameSizeAs(plain.patient(i).getEntry());
    }
  }

  @Test
  void mergeConcatenatesEntries() {
    var generator = gen(42, "HD");
    List<Bundle> bundles = generator.patients(0, 3).toList();
    Bundle merged = SyntheticPatientGenerator.merge(bundles);
    int total = bundles.stream().mapToInt(b -> b.getEntry().size()).sum();
    assertThat(merged.getEntry()).hasSize(total);
    assertThat(merged.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new SyntheticPatientGenerator(1, "H D", EntryMode.PUT, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gen(1, "HD").patient(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyntheticPatientGenerator(1, "HD", null, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SyntheticPatientGenerator gen(long seed, String site) {
    return new SyntheticPatientGenerator(seed, site, EntryMode.PUT, false);
  }

  private static BundleEntryComponent entry(Bundle bundle, String type) {
    return bundle.getEntry().stream()
        .filter(e -> e.getResource().fhirType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
