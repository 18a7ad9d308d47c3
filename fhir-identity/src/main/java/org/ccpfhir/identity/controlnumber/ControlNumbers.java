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
        long[] words = new long[in.readShort()];
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
    return "ControlNumbers" + filters.keySet();
  }
}
