package org.ccpfhir.identity.controlnumber;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control numbers of one person: a hardened keyed Bloom filter per field (first name, last
 * name, former names, birth day/month/year, sex). They travel from the control-number generator to
 * the central patient list as base64 with a version byte; they never carry IDAT.
 *
 * @param filters filter per field name (absent fields are missing)
 */
public record ControlNumbers(Map<String, long[]> filters) {

  /** 2: birth date parts, sex and citizenship as whole tokens (1 used unigrams). */
  private static final byte VERSION = 2;

  private static final java.util.regex.Pattern FIELD =
      java.util.regex.Pattern.compile(
          "FIRST_NAME|LAST_NAME|BIRTH_DAY|BIRTH_MONTH|BIRTH_YEAR|SEX|CITIZENSHIP|FORMER_NAME_\\d{1,2}");

  public ControlNumbers {
    filters = Map.copyOf(filters);
  }

  public String toBase64() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeShort(filters.size());
      for (Map.Entry<String, long[]> entry : new java.util.TreeMap<>(filters).entrySet()) {
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
        // a handful of field names, a million records: one String each
        filters.put(field.intern(), words);
      }
      return new ControlNumbers(filters);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed control numbers", e);
    }
  }

  @Override
  public String toString() {
    return "ControlNumbers" + filters.keySet();
  }
}
