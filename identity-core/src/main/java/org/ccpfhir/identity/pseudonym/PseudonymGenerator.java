package org.ccpfhir.identity.pseudonym;

import java.security.SecureRandom;

/**
 * Random pseudonym values: {@code length} symbols drawn uniformly by {@link SecureRandom} from the
 * {@link CheckCharacter#ALPHABET}, then the check character. Values carry no information about the
 * person; uniqueness (never issuing a value twice, also after deletion) is the registry's job.
 */
public final class PseudonymGenerator {

  /** Default body length: 31^8 ≈ 8.5 · 10^11 values. */
  public static final int DEFAULT_LENGTH = 8;

  private final SecureRandom random;
  private final int length;

  public PseudonymGenerator(SecureRandom random, int length) {
    if (length < 6 || length + 1 > CheckCharacter.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "pseudonym length must be 6.." + (CheckCharacter.MAX_LENGTH - 1));
    }
    this.random = random;
    this.length = length;
  }

  public PseudonymGenerator() {
    this(new SecureRandom(), DEFAULT_LENGTH);
  }

  public String next() {
    StringBuilder body = new StringBuilder(length + 1);
    for (int i = 0; i < length; i++) {
      body.append(CheckCharacter.ALPHABET.charAt(random.nextInt(CheckCharacter.MODULUS)));
    }
    return body.append(CheckCharacter.compute(body)).toString();
  }
}
