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
