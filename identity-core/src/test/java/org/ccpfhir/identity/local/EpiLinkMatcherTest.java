package org.ccpfhir.identity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.junit.jupiter.api.Test;

class EpiLinkMatcherTest {

  private final EpiLinkMatcher matcher = new EpiLinkMatcher(0.95, 0.80);

  private static Idat person(
      String first, String last, int day, int month, int year, String... former) {
    Map<IdatField, String> fields = new EnumMap<>(IdatField.class);
    fields.put(IdatField.FIRST_NAME, first);
    fields.put(IdatField.LAST_NAME, last);
    fields.put(IdatField.BIRTH_DAY, String.valueOf(day));
    fields.put(IdatField.BIRTH_MONTH, String.valueOf(month));
    fields.put(IdatField.BIRTH_YEAR, String.valueOf(year));
    fields.put(IdatField.SEX, "female");
    return new Idat(fields, List.of(former));
  }

  @Test
  void theSamePersonMatches() {
    assertThat(
            matcher
                .compare(
                    person("anna", "mueller", 3, 4, 1960), person("anna", "mueller", 3, 4, 1960))
                .classification())
        .isEqualTo(LinkageClass.MATCH);
  }

  @Test
  void aTypoInTheNameStillMatches() {
    assertThat(
            matcher
                .compare(
                    person("anna", "mueller", 3, 4, 1960), person("anna", "muller", 3, 4, 1960))
                .classification())
        .isEqualTo(LinkageClass.MATCH);
  }

  @Test
  void exchangedNamesAndFormerNamesAreRecognised() {
    assertThat(
            matcher
                .compare(
                    person("anna", "mueller", 3, 4, 1960), person("mueller", "anna", 3, 4, 1960))
                .classification())
        .isEqualTo(LinkageClass.MATCH);
    assertThat(
            matcher
                .compare(
                    person("anna", "schmidt", 3, 4, 1960, "mueller"),
                    person("anna", "mueller", 3, 4, 1960))
                .classification())
        .isEqualTo(LinkageClass.MATCH);
  }

  @Test
  void aWrongBirthDayIsAPossibleMatchForReview() {
    EpiLinkMatcher.Result result =
        matcher.compare(
            person("anna", "mueller", 3, 4, 1960), person("anna", "mueller", 4, 3, 1960));
    assertThat(result.classification()).isEqualTo(LinkageClass.POSSIBLE_MATCH);
    assertThat(result.similarities().get(IdatField.BIRTH_DAY)).isEqualTo(0.5);
  }

  @Test
  void differentPeopleDoNotMatch() {
    assertThat(
            matcher
                .compare(
                    person("anna", "mueller", 3, 4, 1960), person("karl", "schmidt", 9, 11, 1948))
                .classification())
        .isEqualTo(LinkageClass.NON_MATCH);
    assertThat(
            matcher
                .compare(
                    person("anna", "mueller", 3, 4, 1960), person("anna", "mueller", 17, 9, 1981))
                .classification())
        .isNotEqualTo(LinkageClass.MATCH);
  }

  @Test
  void thresholdsAreChecked() {
    assertThatThrownBy(() -> new EpiLinkMatcher(0.5, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(person("anna", "mueller", 1, 1, 2000).toString())
        .doesNotContain("anna", "mueller", "2000");
  }
}
