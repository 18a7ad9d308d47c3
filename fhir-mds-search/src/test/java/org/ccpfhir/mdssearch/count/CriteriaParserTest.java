package org.ccpfhir.mdssearch.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriteriaParserTest {

  private final SearchCatalog catalog = new SearchCatalog();

  private Criteria parse(String expression) {
    return CriteriaParser.parse(catalog, expression);
  }

  @Test
  void notBindsTighterThanAndAndAndTighterThanOr() {
    Criteria criteria = parse("Patient?gender=male OR NOT Specimen AND Condition?code=C61");
    assertThat(criteria).isInstanceOf(Criteria.Or.class);
    Criteria.Or or = (Criteria.Or) criteria;
    assertThat(or.operands().get(1)).isInstanceOf(Criteria.And.class);
    assertThat(((Criteria.And) or.operands().get(1)).operands().get(0))
        .isInstanceOf(Criteria.Not.class);
  }

  @Test
  void canonicalFormIgnoresOrderDuplicatesAndSpacing() {
    assertThat(
            parse("Condition?code=C50,C61&onset-date=ge2020 AND  Patient?gender=female")
                .canonical())
        .isEqualTo(
            parse("Patient?gender=female and Condition?onset-date=ge2020&code=C61,C50,C61")
                .canonical());
    assertThat(parse("Patient?gender=female").canonical())
        .isNotEqualTo(parse("Patient?gender=male").canonical());
  }

  @Test
  void unsupportedParametersAreNamed() {
    assertThatThrownBy(() -> parse("Condition?code=C50&foo=1&_elements=id"))
        .isInstanceOf(CriteriaException.class)
        .hasMessageContaining("foo")
        .hasMessageContaining("_elements")
        .hasMessageContaining("supported: code");
    assertThatThrownBy(
            () -> CriteriaParser.search(catalog, "Patient", Map.of("name", List.of("Meier"))))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> parse("Encounter?status=finished")).hasMessageContaining("Encounter");
  }

  @Test
  void deepNestingIsRefusedBeforeItCanExhaustTheStack() {
    String parentheses = "(".repeat(3000) + "Patient" + ")".repeat(3000);
    String nots = "NOT ".repeat(1300) + "Patient";
    for (String deep : List.of(parentheses, nots)) {
      assertThatThrownBy(() -> CriteriaParser.parse(catalog, deep))
          .isInstanceOf(CriteriaException.class)
          .hasMessageContaining("nested deeper than 32");
    }
    assertThat(CriteriaParser.parse(catalog, "(".repeat(32) + "Patient" + ")".repeat(32)).terms())
        .isEqualTo(1);
  }

  @Test
  void termsCountEveryValueOfEverySearch() {
    assertThat(
            CriteriaParser.parse(
                    catalog,
                    "Condition?code=C50,C51&onset-date=ge2020 OR NOT Patient AND Specimen?type=whole-blood")
                .terms())
        .isEqualTo(5);
  }

  @Test
  void malformedExpressionsSayWhere() {
    assertThatThrownBy(() -> parse("(Patient?gender=male")).hasMessageContaining("missing ')'");
    assertThatThrownBy(() -> parse("Patient?gender=male AND")).hasMessageContaining("ends");
    assertThatThrownBy(() -> parse("Patient?gender=male Specimen"))
        .hasMessageContaining("unexpected 'Specimen'");
    assertThatThrownBy(() -> parse("Condition?onset-date=ge20x0"))
        .hasMessageContaining("onset-date")
        .hasMessageContaining("not a date");
    assertThatThrownBy(() -> parse("Condition?onset-date=sa2020")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> parse("Patient?gender:below=f")).hasMessageContaining(":below");
    assertThatThrownBy(() -> parse("Observation?value-concept=IV"))
        .hasMessageContaining("needs a code");
    assertThatThrownBy(() -> parse(" ")).hasMessageContaining("empty");
  }
}
