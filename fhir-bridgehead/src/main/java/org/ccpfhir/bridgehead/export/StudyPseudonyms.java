package org.ccpfhir.bridgehead.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-study pseudonyms: HMAC-SHA256 under the site's export key of study id and local pseudonym,
 * shortened to 80 bits. Stable within a study (a later export of the same study can be joined),
 * unlinkable across studies, and not invertible without the key, which never leaves the site.
 */
public final class StudyPseudonyms {

  private static final int BYTES = 10;

  private final SecretKeySpec key;

  public StudyPseudonyms(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /**
   * The pseudonym of the patient known locally as {@code localPseudonym} in study {@code study}.
   */
  public String of(String study, String localPseudonym) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(study.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(localPseudonym.getBytes(StandardCharsets.UTF_8));
      return "S" + HexFormat.of().formatHex(digest, 0, BYTES).toUpperCase();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
