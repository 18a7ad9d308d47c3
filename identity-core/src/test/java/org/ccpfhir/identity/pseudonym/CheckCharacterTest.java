package org.ccpfhir.identity.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckCharacterTest {

  private static final String A = CheckCharacter.ALPHABET;

  @Test
  void theAlphabetHasNoLookAlikes() {
    assertThat(A).hasSize(31).doesNotContain("I", "L", "O", "S", "Z");
    assertThat(new HashSet<>(A.chars().boxed().toList())).hasSize(31);
  }

  /**
   * Exhaustive over every position, every original symbol and every replacement: all 31 symbols at
   * each position of 9-character codes, with the other positions drawn at random for 200 codes —
   * every single substitution of every symbol pair is caught.
   */
  @Test
  void everySingleSubstitutionIsDetected() {
    Random random = new Random(7);
    long checked = 0;
    for (int sample = 0; sample < 200; sample++) {
      char[] code = new PseudonymGenerator(new SecureRandom(), 8).next().toCharArray();
      for (int position = 0; position < code.length; position++) {
        for (int original = 0; original < 31; original++) {
          char[] base = code.clone();
          base[position] = A.charAt(original);
          // make the base valid again by recomputing the check for this body
          String body = new String(base, 0, base.length - 1);
          String valid = position == base.length - 1 ? null : body + CheckCharacter.compute(body);
          if (valid == null) {
            continue;
          }
          for (int replacement = 0; replacement < 31; replacement++) {
            for (int at = 0; at < valid.length(); at++) {
              if (valid.charAt(at) == A.charAt(replacement)) {
                continue;
              }
              char[] changed = valid.toCharArray();
              changed[at] = A.charAt(replacement);
              assertThat(CheckCharacter.isValid(new String(changed))).isFalse();
              checked++;
            }
          }
        }
      }
      random.nextInt();
    }
    assertThat(checked).isGreaterThan(10_000_000L);
  }

  /** Every pair of different adjacent symbols at every position. */
  @Test
  void everyAdjacentTranspositionIsDetected() {
    long checked = 0;
    for (int sample = 0; sample < 50; sample++) {
      String code = new PseudonymGenerator().next();
      for (int position = 0; position + 1 < code.length(); position++) {
        for (int x = 0; x < 31; x++) {
          for (int y = 0; y < 31; y++) {
            if (x == y) {
              continue;
            }
            char[] chars = code.toCharArray();
            chars[position] = A.charAt(x);
            chars[position + 1] = A.charAt(y);
            String body = new String(chars, 0, chars.length - 1);
            String valid =
                position + 1 == chars.length - 1 ? null : body + CheckCharacter.compute(body);
            if (valid == null) {
              // the pair includes the check character: swap against the valid code itself
              String intact = code.substring(0, code.length() - 2) + A.charAt(x);
              valid = intact + CheckCharacter.compute(intact);
              if (valid.charAt(position) == valid.charAt(position + 1)) {
                continue;
              }
            }
            char[] swapped = valid.toCharArray();
            char tmp = swapped[position];
            swapped[position] = swapped[position + 1];
            swapped[position + 1] = tmp;
            assertThat(CheckCharacter.isValid(new String(swapped))).isFalse();
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(300_000L);
  }

  @Test
  void generatedValuesAreValidAndAlmostNeverRepeat() {
    PseudonymGenerator generator = new PseudonymGenerator();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String value = generator.next();
      assertThat(CheckCharacter.isValid(value)).isTrue();
      assertThat(value).hasSize(9);
      seen.add(value);
    }
    // 100,000 draws from 31^8 values: one repeat has a chance of about 0.6 % (birthday bound; the
    // registry refuses a repeated value), three or more about 10^-8 — more would mean a bias
    assertThat(seen).hasSizeGreaterThanOrEqualTo(100_000 - 2);
    assertThat(CheckCharacter.isValid("")).isFalse();
    assertThat(CheckCharacter.isValid("ABCDEFGHI")).isFalse();
  }
}
