package org.ccpfhir.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.ccpfhir.profiles.MdsLoinc;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plausibility of a population of 2,000 patients. */
class DistributionTest {

  private static final int N = 2000;
  private static List<BundleView> hd;

  @BeforeAll
  static void generate() {
    var generator = new SyntheticPatientGenerator(2024, "HD", EntryMode.PUT, false);
    hd = generator.patients(0, N).map(BundleView::new).toList();
  }

  @Test
  void everyPatientHasExactlyOnePrimaryDiagnosis() {
    assertThat(hd).allSatisfy(v -> assertThat(v.conditions()).hasSize(1));
    assertThat(hd).allSatisfy(v -> assertThat(v.icd10()).matches("C\\d{2}(\\.\\d{1,2})?"));
  }

  @Test
  void breastCancerShareIsPlausible() {
    double c50 = share(v -> v.icd10().startsWith("C50"));
    assertThat(c50).isBetween(0.10, 0.22);
    assertThat(share(v -> v.icd10().startsWith("C61"))).isBetween(0.06, 0.16);
    assertThat(share(v -> v.icd10().matches("C(18|19|20).*"))).isBetween(0.06, 0.16);
    assertThat(share(v -> v.icd10().startsWith("C34"))).isBetween(0.07, 0.17);
  }

  @Test
  void sexFitsTheEntity() {
    assertThat(hd)
        .filteredOn(v -> v.icd10().matches("C(61|62).*"))
        .allSatisfy(v -> assertThat(v.patient().getGender().toCode()).isEqualTo("male"));
    assertThat(hd)
        .filteredOn(v -> v.icd10().matches("C(53|54|56).*"))
        .allSatisfy(v -> assertThat(v.patient().getGender().toCode()).isEqualTo("female"));
  }

  @Test
  void agesArePlausible() {
    assertThat(hd).allSatisfy(v -> assertThat(v.ageAtDiagnosis()).isBetween(14, 96));
    double mostly = share(v -> v.ageAtDiagnosis() >= 45 && v.ageAtDiagnosis() <= 85);
    assertThat(mostly).isGreaterThan(0.75);
  }

  @Test
  void datesAreInRangeAndOrdered() {
    LocalDate first = LocalDate.of(2005, 1, 1);
    LocalDate cutoff = LocalDate.of(2025, 12, 31);
    for (BundleView v : hd) {
      assertThat(v.diagnosisDate()).isBetween(first, cutoff);
      for (Observation o : v.of(Observation.class)) {
        LocalDate effective = LocalDate.parse(o.getEffectiveDateTimeType().getValueAsString());
        assertThat(effective).isBetween(v.diagnosisDate(), cutoff);
      }
      if (v.deceased()) {
        LocalDate death = LocalDate.parse(v.patient().getDeceasedDateTimeType().getValueAsString());
        assertThat(death).isAfter(v.diagnosisDate()).isBeforeOrEqualTo(cutoff);
      }
    }
  }

  @Test
  void m1MeansStageFourAndDistantMetastasisFindings() {
    int m1Patients = 0;
    for (BundleView v : hd) {
      boolean m1 = false;
      for (String loinc : List.of(MdsLoinc.TNM_CLINICAL, MdsLoinc.TNM_PATHOLOGICAL)) {
        for (Observation tnm : v.observations(loinc)) {
          String stage = BundleView.code(tnm.getValueCodeableConcept());
          String m = mCategory(tnm);
          if (m.startsWith("1")) {
            m1 = true;
            assertThat(stage).as("stage of M%s", m).startsWith("IV");
          }
        }
      }
      List<Observation> metastases =
          v.observations(MdsLoinc.DISTANT_METASTASIS).stream()
              .filter(o -> o.hasBodySite())
              .toList();
      if (m1) {
        m1Patients++;
        assertThat(metastases).isNotEmpty();
      } else {
        assertThat(metastases).isEmpty();
      }
    }
    assertThat(m1Patients).isBetween(N / 20, N / 3);
  }

  @Test
  void deathsAreAboutAQuarterAndMoreForLungAndPancreas() {
    assertThat(share(BundleView::deceased)).isBetween(0.15, 0.35);
    double lung = deathShare("C34");
    double pancreas = deathShare("C25");
    double breast = deathShare("C50");
    assertThat(lung).isGreaterThan(breast * 2);
    assertThat(pancreas).isGreaterThan(breast * 2);
  }

  @Test
  void vitalStatusMatchesDeceased() {
    for (BundleView v : hd) {
      List<Observation> vital = v.observations(MdsLoinc.VITAL_STATUS);
      assertThat(vital).hasSize(1);
      String expected = v.deceased() ? "verstorben" : "lebend";
      assertThat(BundleView.code(vital.get(0).getValueCodeableConcept())).isEqualTo(expected);
    }
  }

  @Test
  void aboutFortyPercentHaveSamples() {
    assertThat(share(v -> !v.of(Specimen.class).isEmpty())).isBetween(0.33, 0.47);
  }

  @Test
  void followUpsOneToFour() {
    assertThat(hd)
        .allSatisfy(
            v ->
                assertThat(v.of(org.hl7.fhir.r4.model.ClinicalImpression.class).size())
                    .isBetween(1, 4));
  }

  @Test
  void sitesHaveDifferentMixes() {
    SiteProfile tue = SiteProfile.of("TUE");
    SiteProfile heidelberg = SiteProfile.of("HD");
    assertThat(tue.expectedShare("melanoma")).isGreaterThan(heidelberg.expectedShare("melanoma"));
    assertThat(heidelberg.expectedShare("brain")).isGreaterThan(tue.expectedShare("brain") * 0.99);
    assertThat(SiteProfile.of("DD").expectedShare("rectum"))
        .isGreaterThan(heidelberg.expectedShare("rectum"));
    var tuePatients =
        new SyntheticPatientGenerator(2024, "TUE", EntryMode.PUT, false)
            .patients(0, N)
            .map(BundleView::new)
            .toList();
    double melanomaTue =
        tuePatients.stream().filter(v -> v.icd10().startsWith("C43")).count() / (double) N;
    assertThat(melanomaTue).isGreaterThan(share(v -> v.icd10().startsWith("C43")));
  }

  private static String mCategory(Observation tnm) {
    for (ObservationComponentComponent c : tnm.getComponent()) {
      String code = c.getCode().getCodingFirstRep().getCode();
      if (code.equals(MdsLoinc.TNM_M_CLINICAL) || code.equals(MdsLoinc.TNM_M_PATHOLOGICAL)) {
        return BundleView.code(c.getValueCodeableConcept());
      }
    }
    return "";
  }

  private static double share(Predicate<BundleView> p) {
    return hd.stream().filter(p).count() / (double) N;
  }

  private static double deathShare(String icdPrefix) {
    List<BundleView> group = hd.stream().filter(v -> v.icd10().startsWith(icdPrefix)).toList();
    return group.stream().filter(BundleView::deceased).count() / (double) group.size();
  }
}
