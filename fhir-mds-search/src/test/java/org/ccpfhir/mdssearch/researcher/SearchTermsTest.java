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

  @Test
  void everyTermIsAValidCountQuery() {
    SearchCatalog catalog = new SearchCatalog();
    for (String filter : List.of("e", "a", "i", "o", "stage", "C50.1", "8500/3")) {
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
