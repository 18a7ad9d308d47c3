package org.ccpfhir.identity.controlnumber;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.identity.idat.IdatField;

/**
 * The control numbers of one person: a hardened keyed Bloom filter per field (first name, last
 * name, former names, birth day/month/year, sex, citizenship). They travel from the control-number
 * generator to the central patient list as base64 with a version byte; they never carry IDAT.
 *
 * <p>The central list holds a million of these and compares thousands per request, so the filters
 * are kept in arrays by field, with their bit counts, rather than in a map keyed by name.
 */
public final class ControlNumbers {

  /**
   * 3: Kölner Phonetik of first and last name as two more filters, the birth year with its digits
   * (2: no phonetic filters, the year as one token; 1 used unigrams). Records of an older version
   * are refused: compared with version 3 they would look like other people (re-register them).
   */
  private static final byte VERSION = 3;

  private static final Pattern FIELD =
      Pattern.compile(
          "FIRST_NAME|LAST_NAME|BIRTH_DAY|BIRTH_MONTH|BIRTH_YEAR|SEX|CITIZENSHIP"
              + "|FIRST_NAME_PHONETIC|LAST_NAME_PHONETIC|FORMER_NAME_(\\d{1,2})");

  private static final IdatField[] FIELDS = IdatField.values();

  /** Filters beyond the IDAT fields, in slots after them: the names' phonetic codes. */
  static final String FIRST_PHONETIC = "FIRST_NAME_PHONETIC";

  static final String LAST_PHONETIC = "LAST_NAME_PHONETIC";

  /** Slot of the first name's phonetic filter; the last name's is the next one. */
  static final int FIRST_PHONETIC_SLOT = FIELDS.length;

  static final int LAST_PHONETIC_SLOT = FIELDS.length + 1;

  /** Slots before the former names. */
  private static final int FIXED = FIELDS.length + 2;

  /**
   * One array per person: {@code [slots, header per slot…, filter words…]}; slots are the fields by
   * ordinal, then the former names; a slot's header holds its offset (high 32 bits), length in
   * words (16 bits) and set bits (16 bits), length 0 = not recorded. One object and a few
   * consecutive cache lines per record keep the comparison of thousands of candidates fast.
   */
  private final long[] packed;

  /**
   * @param filters filter per field name: an {@link IdatField} name or {@code FORMER_NAME_<i>}
   *     (absent fields are missing)
   */
  public ControlNumbers(Map<String, long[]> filters) {
    long[][] slots = new long[FIXED][];
    TreeMap<Integer, long[]> former = new TreeMap<>();
    filters.forEach(
        (name, filter) -> {
          Matcher field = FIELD.matcher(name);
          if (!field.matches()) {
            throw new IllegalArgumentException("unknown control-number field");
          }
          if (field.group(1) != null) {
            former.put(Integer.parseInt(field.group(1)), filter);
          } else if (name.equals(FIRST_PHONETIC)) {
            slots[FIRST_PHONETIC_SLOT] = filter;
          } else if (name.equals(LAST_PHONETIC)) {
            slots[LAST_PHONETIC_SLOT] = filter;
          } else {
            slots[IdatField.valueOf(name).ordinal()] = filter;
          }
        });
    int count = FIXED + former.size();
    int size = 1 + count;
    for (long[] filter : filters.values()) {
      size += filter.length;
    }
    packed = new long[size];
    packed[0] = count;
    int offset = 1 + count;
    java.util.Iterator<long[]> formers = former.values().iterator();
    for (int slot = 0; slot < count; slot++) {
      long[] filter = slot < FIXED ? slots[slot] : formers.next();
      if (filter != null) {
        System.arraycopy(filter, 0, packed, offset, filter.length);
        packed[1 + slot] =
            ((long) offset << 32) | ((long) filter.length << 16) | KeyedBloomFilter.ones(filter);
        offset += filter.length;
      }
    }
  }

  /** The filter of a field (a copy), or null when the field was not recorded. */
  public long[] filter(IdatField field) {
    return copy(field.ordinal());
  }

  /** True when the field was recorded. */
  boolean has(IdatField field) {
    return length(field.ordinal()) > 0;
  }

  int formerCount() {
    return (int) packed[0] - FIXED;
  }

  /** True when the slot holds a filter. */
  boolean hasSlot(int slot) {
    return length(slot) > 0;
  }

  /** The i-th former name's filter (a copy). */
  long[] former(int i) {
    return copy(formerSlot(i));
  }

  /** The slot of the i-th former name, for {@link #dice}. */
  static int formerSlot(int i) {
    return FIXED + i;
  }

  /** Dice similarity of slot {@code x} of {@code a} and slot {@code y} of {@code b}. */
  static double dice(ControlNumbers a, int x, ControlNumbers b, int y) {
    int ones = ones(a, x, b, y);
    return ones == 0 ? 0 : 2.0 * commonBits(a, x, b, y) / ones;
  }

  /**
   * Bits set in one of the two slots' filters and not in the other: about 20 per changed name
   * bigram (ten hash functions), so one substituted letter (two bigrams) differs by ~40 bits
   * whatever the name's length, where Dice depends on it (0.67 for a five-letter name, 0.5 for a
   * three-letter one).
   */
  static int differingBits(ControlNumbers a, int x, ControlNumbers b, int y) {
    return ones(a, x, b, y) - 2 * commonBits(a, x, b, y);
  }

  /** The bits set in the two slots' filters together (each slot's header holds its count). */
  private static int ones(ControlNumbers a, int x, ControlNumbers b, int y) {
    return (int) (a.packed[1 + x] & 0xFFFF) + (int) (b.packed[1 + y] & 0xFFFF);
  }

  /** The bits set in both slots' filters. */
  private static int commonBits(ControlNumbers a, int x, ControlNumbers b, int y) {
    long headerA = a.packed[1 + x];
    long headerB = b.packed[1 + y];
    int offsetA = (int) (headerA >>> 32);
    int offsetB = (int) (headerB >>> 32);
    int length = Math.min((int) (headerA >>> 16) & 0xFFFF, (int) (headerB >>> 16) & 0xFFFF);
    int common = 0;
    for (int i = 0; i < length; i++) {
      common += Long.bitCount(a.packed[offsetA + i] & b.packed[offsetB + i]);
    }
    return common;
  }

  /**
   * Bits of the sparser slot's filter that the other lacks: about 10 when one name is part of the
   * other (a double name and one of its parts, two first names and the first of them — only the
   * padded end bigram of the part is missing), whatever the names' lengths. (An overlap coefficient
   * stays near 0.75 there: folding and the end bigram cost a quarter of a short name's bits.)
   * {@link Integer#MAX_VALUE} unless the denser filter has at least {@code moreBits} more bits set
   * than the sparser and the sparser at least {@code leastBits}.
   */
  static int missingBits(
      ControlNumbers a, int x, ControlNumbers b, int y, int moreBits, int leastBits) {
    int onesA = (int) (a.packed[1 + x] & 0xFFFF);
    int onesB = (int) (b.packed[1 + y] & 0xFFFF);
    if (Math.abs(onesA - onesB) < moreBits || Math.min(onesA, onesB) < leastBits) {
      return Integer.MAX_VALUE;
    }
    int common = (onesA + onesB - differingBits(a, x, b, y)) / 2;
    return Math.min(onesA, onesB) - common;
  }

  private int length(int slot) {
    return (int) (packed[1 + slot] >>> 16) & 0xFFFF;
  }

  private long[] copy(int slot) {
    int length = length(slot);
    if (length == 0) {
      return null;
    }
    int offset = (int) (packed[1 + slot] >>> 32);
    return java.util.Arrays.copyOfRange(packed, offset, offset + length);
  }

  /** Every filter by field name (serialisation, tests); built on each call. */
  public Map<String, long[]> filters() {
    Map<String, long[]> map = new LinkedHashMap<>();
    for (IdatField field : FIELDS) {
      if (has(field)) {
        map.put(field.name(), filter(field));
      }
    }
    if (hasSlot(FIRST_PHONETIC_SLOT)) {
      map.put(FIRST_PHONETIC, copy(FIRST_PHONETIC_SLOT));
    }
    if (hasSlot(LAST_PHONETIC_SLOT)) {
      map.put(LAST_PHONETIC, copy(LAST_PHONETIC_SLOT));
    }
    for (int i = 0; i < formerCount(); i++) {
      map.put(ControlNumberEncoder.FORMER + i, copy(formerSlot(i)));
    }
    return Collections.unmodifiableMap(map);
  }

  public String toBase64() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      Map<String, long[]> filters = new TreeMap<>(filters());
      out.writeByte(VERSION);
      out.writeShort(filters.size());
      for (Map.Entry<String, long[]> entry : filters.entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeShort(entry.getValue().length);
        for (long word : entry.getValue()) {
          out.writeLong(word);
        }
      }
      return Base64.getEncoder().encodeToString(bytes.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ControlNumbers fromBase64(String text) {
    try (DataInputStream in =
        new DataInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
      if (in.readByte() != VERSION) {
        throw new IllegalArgumentException("unknown control-number format version");
      }
      int count = in.readShort();
      Map<String, long[]> filters = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String field = in.readUTF();
        if (!FIELD.matcher(field).matches() || filters.containsKey(field)) {
          throw new IllegalArgumentException("unknown or repeated control-number field");
        }
        int length = in.readShort();
        if (length < 1 || length > 128) {
          throw new IllegalArgumentException("control-number filter length out of range");
        }
        long[] words = new long[length];
        for (int w = 0; w < words.length; w++) {
          words[w] = in.readLong();
        }
        filters.put(field, words);
      }
      return new ControlNumbers(filters);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed control numbers", e);
    }
  }

  @Override
  public String toString() {
    return "ControlNumbers" + filters().keySet();
  }
}
