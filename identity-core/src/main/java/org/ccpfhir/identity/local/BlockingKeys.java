package org.ccpfhir.identity.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.language.ColognePhonetic;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;

/**
 * Keys that find candidate records without reading IDAT: the Kölner Phonetik code of each name with
 * the birth year, and the full birth date, each through HMAC-SHA256 under the list's blocking
 * secret, so the stored keys reveal nothing without it. Two name keys (first and last) so that
 * exchanged names still meet.
 */
public final class BlockingKeys {

  /**
   * The keys of one record.
   *
   * @param nameA key of the first name
   * @param nameB key of the last name
   * @param birth key of the birth date
   */
  public record Keys(String nameA, String nameB, String birth) {
    public List<String> names() {
      return List.of(nameA, nameB);
    }
  }

  private static final ColognePhonetic COLOGNE = new ColognePhonetic();

  private final byte[] secret;

  public BlockingKeys(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the blocking secret must have at least 16 bytes");
    }
    this.secret = secret.clone();
  }

  public Keys of(Idat record) {
    String year = value(record, IdatField.BIRTH_YEAR);
    String birth =
        value(record, IdatField.BIRTH_DAY)
            + "."
            + value(record, IdatField.BIRTH_MONTH)
            + "."
            + year;
    return new Keys(
        mac("n|" + COLOGNE.encode(value(record, IdatField.FIRST_NAME)) + "|" + year),
        mac("n|" + COLOGNE.encode(value(record, IdatField.LAST_NAME)) + "|" + year),
        mac("b|" + birth));
  }

  /** A value that identifies the secret without revealing it (stored to detect a key change). */
  public String checkValue() {
    return mac("ccp-local-patient-list-key-check");
  }

  private static String value(Idat record, IdatField field) {
    String value = record.fields().get(field);
    return value == null ? "" : value;
  }

  private String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 24);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
