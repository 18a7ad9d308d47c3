package org.ccpfhir.identity.controlnumber;

/**
 * The shape of the control numbers: filter lengths, hash functions per q-gram and the hardening
 * step. All generators of one network must use the same values (the central list compares what they
 * produce), so they live in the generator's configuration, next to its secret.
 *
 * @param nameBits filter length for names (before folding)
 * @param nameHashes independent hash functions per name bigram
 * @param smallBits filter length for birth day/month, sex, citizenship and the names' phonetic
 *     codes (before folding; the birth year uses {@code nameBits})
 * @param smallHashes hash functions per unigram of those fields
 * @param fold XOR-fold each filter to half its length (hardening against frequency attacks)
 */
public record BloomParameters(
    int nameBits, int nameHashes, int smallBits, int smallHashes, boolean fold) {

  /** Measured defaults (README): 1000/10 for names, 256/4 for the rest, folded. */
  public static final BloomParameters DEFAULTS = new BloomParameters(1000, 10, 256, 4, true);

  public BloomParameters {
    if (nameBits < 128 || nameBits % 2 != 0 || smallBits < 64 || smallBits % 2 != 0) {
      throw new IllegalArgumentException(
          "filter lengths must be even (names ≥ 128 bits, other fields ≥ 64 bits)");
    }
    if (nameHashes < 1 || nameHashes > 64 || smallHashes < 1 || smallHashes > 64) {
      throw new IllegalArgumentException("hash functions per q-gram must be 1–64");
    }
  }
}
