package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeFormatsTest {

  @ParameterizedTest
  @ValueSource(strings = {"C50", "C50.9", "D05.1", "C34.1", "C83.30", "E11.90", "U07.1"})
  void wellFormedIcd10GmCodes(String code) {
    assertThat(Icd10Gm.check(code)).isEqualTo(FormatCheck.OK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " C50.9", "C5", "C50.", "C50.123", "50.9", "CC0.1", "C50-9"})
  void malformedIcd10GmCodes(String code) {
    FormatCheck check = Icd10Gm.check(code);
    assertThat(check.valid()).isFalse();
    assertThat(check.message()).isNotBlank();
  }

  @Test
  void icd10GmMessagesSayWhatIsWrong() {
    assertThat(Icd10Gm.check("C50.-").message()).contains("catalogue heading").contains("C50");
    assertThat(Icd10Gm.check("c50.9").message()).contains("upper case").contains("C50.9");
    assertThat(Icd10Gm.check("C509").message()).contains("dot").contains("C50.9");
    assertThat(Icd10Gm.check("G35.0*").message()).contains("marker");
  }

  @Test
  void icd10GmCategoryAndChapter2() {
    assertThat(Icd10Gm.category("C50.9")).contains("C50");
    assertThat(Icd10Gm.category("C50.-")).isEmpty();
    assertThat(Icd10Gm.isChapter2("C00.0")).isTrue();
    assertThat(Icd10Gm.isChapter2("D48.9")).isTrue();
    assertThat(Icd10Gm.isChapter2("D50.0")).isFalse();
    assertThat(Icd10Gm.isChapter2("B99")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"C50.9", "C00.0", "C80.9", "C44.5"})
  void icdO3Topography(String code) {
    assertThat(IcdO3.isTopography(code)).isTrue();
    assertThat(IcdO3.check(code).valid()).isTrue();
    assertThat(IcdO3.checkMorphology(code).valid()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8500/3", "8000/0", "9989/1", "8140/2", "8010/6", "8000/9"})
  void icdO3Morphology(String code) {
    assertThat(IcdO3.isMorphology(code)).isTrue();
    assertThat(IcdO3.check(code).valid()).isTrue();
    assertThat(IcdO3.checkTopography(code).valid()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"C81.9", "C50", "C50.91", "8500/4", "850/3", "7500/3", "8500", "", "M8500/3"})
  void malformedIcdO3(String code) {
    FormatCheck check = IcdO3.check(code);
    assertThat(check.valid()).as(code).isFalse();
    assertThat(check.message()).isNotBlank();
  }

  @Test
  void icdO3MessageNamesBehaviourRule() {
    assertThat(IcdO3.check("8500/4").message()).contains("behaviour");
  }

  @ParameterizedTest
  @ValueSource(strings = {"m", "is", "m,is", "2", "3,is", "12", "999,is"})
  void mSymbolPattern(String code) {
    assertThat(FormatRules.checkMSymbol(code).valid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "0", "M", "m,IS", "1000", "x"})
  void malformedMSymbol(String code) {
    assertThat(FormatRules.checkMSymbol(code).valid()).isFalse();
  }
}
