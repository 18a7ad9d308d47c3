package org.ccpfhir.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Record keys for an application that stores no random key per record: the first 32 bits of an
 * HMAC-SHA256 of the record's identifier under the application's secret. Secret as long as that
 * secret is; the same record always gets the same key, so the same set always the same cell key.
 */
public final class RecordKeys {

  private final SecretKeySpec secret;

  /**
   * @param secret at least 32 random bytes, kept by the application
   */
  public RecordKeys(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the record key secret needs at least 32 bytes");
    }
    this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** The key of one record. */
  public int key(String recordId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      byte[] h = mac.doFinal(recordId.getBytes(StandardCharsets.UTF_8));
      return (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** The cell key of a set of records: the sum of their keys, modulo 2^32. */
  public int cellKey(Iterable<String> recordIds) {
    int sum = 0;
    for (String id : recordIds) {
      sum += key(id);
    }
    return sum;
  }
}
