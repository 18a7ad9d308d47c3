package org.ccpfhir.mdssearch.researcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.terminology.CcpTerminology;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

  private final SearchTerms terms = new SearchTerms(CcpTerminology.get());

  @Test
  void entityStandsForItsIcd10Categories() {
    SearchTerm lung = only(terms.find("lung", 20), "entity");
    assertThat(lung.code()).isEqualTo("lung");
    assertThat(lung.criteria()).isEqualTo("Condition?code:below=C33,C34");
  }

  @Test
  void typedIcd10CodeAndMorphologyBecomeTermsOfTheirOwn() {
    assertThat(terms.find("c50", 5).get(0).criteria()).isEqualTo("Condition?code:below=C50");
    assertThat(terms.find("8140/3", 5).get(0).criteria())
        .isEqualTo("Observation?code=59847-4&value-concept=8140/3");
  }

  @Test
  void stagesTherapiesSampleTypesAndSex() {
    assertThat(only(terms.find("UICC stage IV (", 50), "stage").criteria())
        .contains("Observation?code=21908-9&value-concept=IV")
        .contains(" OR Observation?code=21902-2&value-concept=IV");
    assertThat(only(terms.find("chemotherapie", 50), "therapy").criteria())
        .isEqualTo("MedicationStatement?category=CH");
    assertThat(only(terms.find("Operation", 50), "therapy").criteria())
        .isEqualTo("Procedure?category=OP");
    assertThat(only(terms.find("Plasma", 50), "sample-type").criteria())
        .startsWith("Specimen?type=blood-plasma,plasma-edta,");
    assertThat(only(terms.find("female", 50), "sex").criteria()).isEqualTo("Patient?gender=female");
  }

  /** Issue 23 finding 1: what researchers type for time and age finds criteria. */
  @Test
  void timeAgeAndVitalStatusAreFoundInEnglishAndGerman() {
    assertThat(only(terms.find("2015", 20), "diagnosis-date").criteria())
        .isEqualTo("Condition?onset-date=ge2015&onset-date=le2015");
    assertThat(only(terms.find("2015", 20), "sample-date").criteria())
        .isEqualTo("Specimen?collected=ge2015&collected=le2015");
    SearchTerm after = only(terms.find("diagnosed after 2015", 20), "diagnosis-date");
    assertThat(after.criteria()).isEqualTo("Condition?onset-date=ge2016");
    assertThat(after.display()).startsWith("diagnosed from 2016 on");
    assertThat(only(terms.find("diagnosed after", 20), "diagnosis-date").criteria())
        .startsWith("Condition?onset-date=ge");
    assertThat(only(terms.find("Diagnose 2015-2020", 20), "diagnosis-date").display())
        .startsWith("diagnosed 2015–2020");
    assertThat(only(terms.find("Alter", 20), "age-at-diagnosis").criteria())
        .startsWith("Patient?age-at-diagnosis=");
    assertThat(terms.find("age", 20).stream().filter(t -> t.kind().equals("age-at-diagnosis")))
        .extracting(SearchTerm::display)
        .contains("age 40–59 at diagnosis (Alter bei Erstdiagnose)");
    assertThat(only(terms.find("aged 40-60", 20), "age-at-diagnosis").criteria())
        .isEqualTo("Patient?age-at-diagnosis=ge40&age-at-diagnosis=le60");
    assertThat(only(terms.find("Alter über 60", 20), "age-at-diagnosis").criteria())
        .isEqualTo("Patient?age-at-diagnosis=ge61");
    assertThat(only(terms.find("verstorben", 20), "vital-status").criteria())
        .isEqualTo("Patient?deceased=true");
    assertThat(only(terms.find("sample collected 2019", 20), "sample-date").criteria())
        .isEqualTo("Specimen?collected=ge2019&collected=le2019");
    // a diagnosis code is not a year, a stage is not an age
    assertThat(terms.find("C50", 20)).noneMatch(t -> t.kind().endsWith("-date"));
    assertThat(terms.find("stage IV", 20)).noneMatch(t -> t.kind().equals("age-at-diagnosis"));
  }

  @Test
  void stageGroupsStandForTheirSubgroups() {
    SearchTerm three = only(terms.find("stage group III", 20), "stage-group");
    assertThat(three.criteria())
        .contains("value-concept=III,IIIA,")
        .contains("IIIC2")
        .doesNotContain("IV");
    assertThat(SearchTerms.stageGroup("IVA1")).isEqualTo("IV");
    assertThat(SearchTerms.stageGroup("IIB")).isEqualTo("II");
    assertThat(SearchTerms.stageGroup("IS")).isEqualTo("IS");
  }

  @Test
  void everyTermIsAValidCountQuery() {
    SearchCatalog catalog = new SearchCatalog();
    for (String filter :
        List.of(
            "e",
            "a",
            "i",
            "o",
            "stage",
            "C50.1",
            "8500/3",
            "2015",
            "age",
            "Alter 40 bis 59",
            "diagnosed before 2010",
            "verstorben",
            "Probe 2018",
            "stage group")) {
      for (SearchTerm term : terms.find(filter, 1000)) {
        CriteriaParser.parse(catalog, term.criteria());
      }
    }
  }

  @Test
  void allWordsMustMatchAndTheCountIsRespected() {
    assertThat(terms.find("zzz nothing", 10)).isEmpty();
    assertThat(terms.find("e", 3)).hasSize(3);
  }

  private static SearchTerm only(List<SearchTerm> found, String kind) {
    List<SearchTerm> ofKind = found.stream().filter(t -> t.kind().equals(kind)).toList();
    assertThat(ofKind).as(kind + " in " + found).isNotEmpty();
    return ofKind.get(0);
  }
}
