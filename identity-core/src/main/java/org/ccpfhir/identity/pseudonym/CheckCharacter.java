package org.ccpfhir.identity.pseudonym;

/**
 * Check character for pseudonyms over a 31-symbol alphabet without look-alikes (no I, L, O, S, Z).
 * The check makes the weighted sum {@code sum((i + 1) * value(c_i))} over all characters, check
 * included, divisible by 31. Because 31 is prime, larger than every symbol value, and the weights
 * 1..n are distinct and non-zero modulo 31 (for n ≤ 30), every single substitution changes the sum
 * by {@code w * d} with {@code 0 < |d| < 31} and every swap of two adjacent characters by {@code
 * (w_i - w_{i+1}) * d}: never a multiple of 31, so both are always detected.
 */
public final class CheckCharacter {

  /** The alphabet; a symbol's value is its index. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRTUVWXY";

  static final int MODULUS = 31;

  /** Longest code (check included) for which the weights stay distinct modulo 31. */
  public static final int MAX_LENGTH = 30;

  private CheckCharacter() {}

  /** The check character to append to {@code body}. */
  public static char compute(CharSequence body) {
    if (body.length() + 1 > MAX_LENGTH) {
      throw new IllegalArgumentException("codes are at most " + MAX_LENGTH + " characters");
    }
    int sum = weightedSum(body);
    int checkWeight = body.length() + 1;
    // find v with (sum + checkWeight * v) % 31 == 0, i.e. v = -sum * checkWeight^-1
    int value = Math.floorMod(-sum * inverse(checkWeight), MODULUS);
    return ALPHABET.charAt(value);
  }

  /** Whether a code (body followed by its check character) is intact. */
  public static boolean isValid(CharSequence code) {
    if (code == null || code.length() < 2 || code.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return false;
      }
    }
    return weightedSum(code) % MODULUS == 0;
  }

  private static int weightedSum(CharSequence text) {
    int sum = 0;
    for (int i = 0; i < text.length(); i++) {
      int value = ALPHABET.indexOf(text.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("character outside the pseudonym alphabet");
      }
      sum = (sum + (i + 1) * value) % MODULUS;
    }
    return sum;
  }

  private static int inverse(int weight) {
    // Fermat: w^(p-2) mod p
    int result = 1;
    int base = weight % MODULUS;
    for (int exponent = MODULUS - 2; exponent > 0; exponent >>= 1) {
      if ((exponent & 1) == 1) {
        result = result * base % MODULUS;
      }
      base = base * base % MODULUS;
    }
    return result;
  }
}
