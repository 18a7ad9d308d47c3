package org.ccpfhir.identity.controlnumber;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed Bloom filters after Schnell et al. Each padded q-gram of a value sets k bits, each from an
 * independent keyed hash function: HMAC-SHA256(secret, field | block | q-gram) yields eight 32-bit
 * functions per block (more blocks for k &gt; 8) — no double hashing. Hardening: XOR-folding (the
 * two halves of the filter are XORed into one, which keeps Dice similarities roughly but breaks the
 * one-to-one link between q-grams and bits) and a keyed permutation of the folded positions per
 * field.
 */
final class KeyedBloomFilter {

  private final ThreadLocal<Mac> mac;

  /** Permutations depend only on the secret, the field and the length: drawn once each. */
  private final Map<String, int[]> permutations = new ConcurrentHashMap<>();

  KeyedBloomFilter(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the control-number secret must have at least 16 bytes");
    }
    SecretKeySpec key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.mac =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac instance = Mac.getInstance("HmacSHA256");
                instance.init(key);
                return instance;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
              }
            });
  }

  /** The hardened filter ({@code bits / 2} long when folded), or null for an empty value. */
  long[] encode(String field, String value, int bits, int hashes, int q, boolean fold) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    long[] filter = new long[words(bits)];
    String padded = "_".repeat(q - 1) + value + "_".repeat(q - 1);
    for (int i = 0; i + q <= padded.length(); i++) {
      setPositions(filter, field, padded.substring(i, i + q), bits, hashes);
    }
    return harden(filter, bits, field, fold);
  }

  /**
   * The value as one token (dates, sex, citizenship): equal values give equal filters, different
   * values nearly disjoint ones — q-grams would make 12 and 21, or 1 and 11, look alike.
   */
  long[] encodeToken(String field, String value, int bits, int hashes, boolean fold) {
    return value == null || value.isEmpty()
        ? null
        : encodeTokens(field, java.util.List.of(value), bits, hashes, fold);
  }

  /**
   * Several tokens in one filter (a number with its neighbours, so that off-by-one stays close).
   */
  long[] encodeTokens(
      String field, java.util.List<String> tokens, int bits, int hashes, boolean fold) {
    long[] filter = new long[words(bits)];
    for (String token : tokens) {
      setPositions(filter, field, token, bits, hashes);
    }
    return harden(filter, bits, field, fold);
  }

  private long[] harden(long[] filter, int bits, String field, boolean fold) {
    int size = bits;
    if (fold) {
      size = bits / 2;
      long[] folded = new long[words(size)];
      for (int i = 0; i < size; i++) {
        if (get(filter, i) ^ get(filter, size + i)) {
          set(folded, i);
        }
      }
      filter = folded;
    }
    return permute(filter, size, field);
  }

  private void setPositions(long[] filter, String field, String gram, int bits, int hashes) {
    int done = 0;
    for (int block = 0; done < hashes; block++) {
      ByteBuffer digest = ByteBuffer.wrap(hmac(field + "|" + block + "|" + gram));
      while (digest.remaining() >= 4 && done < hashes) {
        set(filter, Math.floorMod(digest.getInt(), bits));
        done++;
      }
    }
  }

  /** Fisher-Yates driven by an AES-CTR key stream derived from the secret and the field. */
  private long[] permute(long[] filter, int bits, String field) {
    int[] order = permutations.computeIfAbsent(field + "|" + bits, k -> order(bits, field));
    long[] permuted = new long[filter.length];
    for (int i = 0; i < bits; i++) {
      if (get(filter, order[i])) {
        set(permuted, i);
      }
    }
    return permuted;
  }

  private int[] order(int bits, String field) {
    int[] order = new int[bits];
    for (int i = 0; i < bits; i++) {
      order[i] = i;
    }
    ByteBuffer stream = ByteBuffer.wrap(keyStream("permutation|" + field, bits * 4));
    for (int i = bits - 1; i > 0; i--) {
      int j = (int) ((stream.getInt() & 0xffffffffL) % (i + 1));
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private byte[] keyStream(String label, int length) {
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(hmac(label), "AES"),
          new IvParameterSpec(new byte[16]));
      return aes.doFinal(new byte[length]);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  private byte[] hmac(String text) {
    return mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  private static int words(int bits) {
    return (bits + 63) / 64;
  }

  static boolean get(long[] filter, int bit) {
    return (filter[bit >>> 6] & (1L << (bit & 63))) != 0;
  }

  static void set(long[] filter, int bit) {
    filter[bit >>> 6] |= 1L << (bit & 63);
  }

  /** Dice coefficient {@code 2|A∩B| / (|A| + |B|)}. */
  static double dice(long[] a, long[] b) {
    int ones = ones(a) + ones(b);
    if (ones == 0) {
      return 0;
    }
    int common = 0;
    for (int i = 0, n = Math.min(a.length, b.length); i < n; i++) {
      common += Long.bitCount(a[i] & b[i]);
    }
    return 2.0 * common / ones;
  }

  static int ones(long[] filter) {
    int ones = 0;
    for (long word : filter) {
      ones += Long.bitCount(word);
    }
    return ones;
  }
}
