package org.ccpfhir.bridgehead.subjectaccess;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseNumbersTest {

  @Test
  void caseNumbersAreRandomBase32OfFixedLength() {
    CaseNumbers numbers = new CaseNumbers(new SecureRandom());
    Set<String> seen = new HashSet<>();
    Set<Character> symbols = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String number = numbers.next();
      assertThat(number).matches("AR-[A-Z2-7]{16}");
      assertThat(CaseNumbers.valid(number)).isTrue();
      seen.add(number);
      number.substring(3).chars().forEach(c -> symbols.add((char) c));
    }
    // 80 random bits: no repeats, and every one of the 32 symbols is drawn
    assertThat(seen).hasSize(10_000);
    assertThat(symbols).hasSize(32);
  }

  @Test
  void onlyWellFormedCaseNumbersAreValid() {
    assertThat(CaseNumbers.valid(null)).isFalse();
    assertThat(CaseNumbers.valid("AR-ABCDEFGHIJKLMNO")).isFalse();
    assertThat(CaseNumbers.valid("AR-ABCDEFGHIJKLMNOPQ")).isFalse();
    assertThat(CaseNumbers.valid("AR-abcdefghijklmnop")).isFalse();
    // 0, 1, 8 and 9 are not in the base32 alphabet
    assertThat(CaseNumbers.valid("AR-ABCDEFGHIJKLMN01")).isFalse();
    assertThat(CaseNumbers.valid("XX-ABCDEFGHIJKLMNOP")).isFalse();
    assertThat(CaseNumbers.valid("AR-ABCDEFGHIJKLMNOP")).isTrue();
  }

  @Test
  void theRetentionOfCasesIsBetweenOneDayAndThreeMonths() {
    Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    assertThat(validator.validate(new AccessRequestProperties(Duration.ofDays(30)))).isEmpty();
    assertThat(validator.validate(new AccessRequestProperties(Duration.ofHours(1)))).hasSize(1);
    assertThat(validator.validate(new AccessRequestProperties(Duration.ofDays(93)))).hasSize(1);
    assertThat(validator.validate(new AccessRequestProperties(null))).hasSize(1);
  }
}
