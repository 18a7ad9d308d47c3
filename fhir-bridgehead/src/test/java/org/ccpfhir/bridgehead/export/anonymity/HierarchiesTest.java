package org.ccpfhir.bridgehead.export.anonymity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HierarchiesTest {

  @Test
  void ageBands() {
    Hierarchy age = Hierarchies.age("age");
    assertThat(IntStream.rangeClosed(0, 4).mapToObj(level -> age.generalise("63", level)))
        .containsExactly("63", "60-64", "60-69", "60-79", "*");
    assertThat(age.generalise(null, 2)).isEqualTo("unknown");
    assertThat(age.generalise(null, 4)).isEqualTo("*");
  }

  @Test
  void diagnosisMonthToQuarterYearAndFiveYears() {
    Hierarchy month = Hierarchies.month("diagnosis-date");
    assertThat(IntStream.rangeClosed(0, 4).mapToObj(level -> month.generalise("2019-05", level)))
        .containsExactly("2019-05", "2019-Q2", "2019", "2015-2019", "*");
    assertThat(month.generalise("2019-12", 1)).isEqualTo("2019-Q4");
    assertThat(month.generalise("2019", 1)).isEqualTo("unknown");
  }

  @Test
  void postcodeDigitsAreTruncated() {
    Hierarchy postcode = Hierarchies.postcode("postcode");
    assertThat(IntStream.rangeClosed(0, 4).mapToObj(level -> postcode.generalise("69120", level)))
        .containsExactly("69120", "691**", "69***", "6****", "*");
  }

  @Test
  void icd10CodeToCategoryBlockAndChapter() {
    Hierarchy icd = Hierarchies.icd10("icd10");
    assertThat(IntStream.rangeClosed(0, 4).mapToObj(level -> icd.generalise("C50.4", level)))
        .containsExactly("C50.4", "C50", "C50-C50", "chapter II", "*");
    assertThat(icd.generalise("C18.7", 2)).isEqualTo("C15-C26");
    assertThat(icd.generalise("D05.1", 2)).isEqualTo("D00-D09");
    assertThat(icd.generalise("C83.30", 1)).isEqualTo("C83");
    assertThat(icd.generalise("E11.9", 2)).isEqualTo("chapter IV");
    assertThat(icd.generalise("not a code", 1)).isEqualTo("unknown");
  }

  @Test
  void sexIsKeptOrSuppressed() {
    Hierarchy sex = Hierarchies.keptOrSuppressed("sex");
    assertThat(sex.generalise("female", 0)).isEqualTo("female");
    assertThat(sex.generalise("female", 1)).isEqualTo("*");
    assertThat(sex.maxLevel()).isEqualTo(1);
  }
}
