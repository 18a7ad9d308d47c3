package org.ccpfhir.identity.controlnumber;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;

/**
 * The control-number generator's core: turns normalised IDAT into {@link ControlNumbers} and keeps
 * nothing. Names use bigram filters; birth date parts, sex and citizenship are hashed as whole
 * tokens into small filters ({@link BloomParameters}); day and month share one hash family. All
 * names share one hash family (exchanged first/last names and former names, {@code
 * FORMER_NAME_<i>}, stay comparable).
 */
public final class ControlNumberEncoder {

  static final String FORMER = "FORMER_NAME_";

  /** One hash family for all names, so exchanged first/last names and former names compare. */
  private static final String NAMES = "name";

  private static final org.apache.commons.codec.language.ColognePhonetic COLOGNE =
      new org.apache.commons.codec.language.ColognePhonetic();

  private final KeyedBloomFilter bloom;
  private final BloomParameters shape;

  /**
   * @param secret the generator's own secret (never shared with the central list or sites)
   */
  public ControlNumberEncoder(byte[] secret) {
    this(secret, BloomParameters.DEFAULTS);
  }

  public ControlNumberEncoder(byte[] secret, BloomParameters shape) {
    this.bloom = new KeyedBloomFilter(secret);
    this.shape = shape;
  }

  public ControlNumbers encode(Idat idat) {
    Map<String, long[]> filters = new HashMap<>();
    for (IdatField field : IdatField.values()) {
      String value = idat.fields().get(field);
      long[] filter = field.isName() ? name(value) : small(field, value);
      if (filter != null) {
        filters.put(field.name(), filter);
      }
    }
    phonetic(idat.fields().get(IdatField.FIRST_NAME), ControlNumbers.FIRST_PHONETIC, filters);
    phonetic(idat.fields().get(IdatField.LAST_NAME), ControlNumbers.LAST_PHONETIC, filters);
    List<String> former = idat.formerNames();
    for (int i = 0; i < former.size(); i++) {
      long[] filter = name(former.get(i));
      if (filter != null) {
        filters.put(FORMER + i, filter);
      }
    }
    return new ControlNumbers(filters);
  }

  /**
   * The Kölner Phonetik code of each word of a name (Meier, Mayer, Maier and Meyer all give 67) as
   * whole tokens of one hash family for first and last name (so exchanged names compare). The codes
   * are coarse — many names share one — so they only ever add to a bigram comparison, in the
   * matcher's "phonetic" agreement level, never replace it.
   */
  private void phonetic(String name, String slot, Map<String, long[]> filters) {
    if (name == null || name.isBlank()) {
      return;
    }
    List<String> codes = new java.util.ArrayList<>();
    for (String word : name.split(" ")) {
      String code = COLOGNE.colognePhonetic(word);
      if (!code.isEmpty()) {
        codes.add(code);
      }
    }
    if (!codes.isEmpty()) {
      filters.put(
          slot,
          bloom.encodeTokens(
              "name-phonetic", codes, shape.smallBits(), shape.smallHashes(), shape.fold()));
    }
  }

  /**
   * The birth year as itself, its century, its last two digits each with its position and sorted:
   * one wrong digit or the last two exchanged (1965/1956) leave two of five tokens in common,
   * another year of the same century one, so the matcher can tell a near year from another.
   */
  private static List<String> yearTokens(String year) {
    if (year.length() != 4) {
      return List.of(year);
    }
    char[] last = {year.charAt(2), year.charAt(3)};
    java.util.Arrays.sort(last);
    return List.of(
        year,
        "century:" + year.substring(0, 2),
        "tens:" + year.charAt(2),
        "ones:" + year.charAt(3),
        "sorted:" + new String(last));
  }

  /**
   * Day and month carry their neighbours too (12 as 11, 12, 13): a date one day off stays similar
   * (Dice ≈ 0.67), other days do not (≈ 0.3 or less). The other small fields are one token each.
   */
  private long[] small(IdatField field, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    java.util.List<String> tokens = java.util.List.of(value);
    if (field == IdatField.BIRTH_DAY || field == IdatField.BIRTH_MONTH) {
      int number = Integer.parseInt(value);
      tokens = java.util.List.of(value, String.valueOf(number - 1), String.valueOf(number + 1));
    } else if (field == IdatField.BIRTH_YEAR) {
      tokens = yearTokens(value);
    }
    // the year's five tokens get a name-sized filter: in 128 folded bits, 20 set bits of two
    // unrelated years overlap by chance about as much as one shared token (Dice noise ≈ 0.15),
    // which would blur "one digit wrong" (0.4) and "another year" (0.2)
    int bits = field == IdatField.BIRTH_YEAR ? shape.nameBits() : shape.smallBits();
    return bloom.encodeTokens(family(field), tokens, bits, shape.smallHashes(), shape.fold());
  }

  /** Day and month share a family, so that a day/month swap can be recognised. */
  private static String family(IdatField field) {
    return field == IdatField.BIRTH_DAY || field == IdatField.BIRTH_MONTH
        ? "birth-day-month"
        : field.name();
  }

  private long[] name(String value) {
    return bloom.encode(NAMES, value, shape.nameBits(), shape.nameHashes(), 2, shape.fold());
  }
}
