package org.ccpfhir.mappers.fhir;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable logical ids: HMAC-SHA256 over site, source patient id and the report's own keys, shown as
 * a UUID. The same report imported again yields the same id, so the transaction's PUT updates the
 * stored resource instead of adding a copy. Keyed, so that nobody can find a patient's resources by
 * trying hospital patient numbers: sites set their own secret (the default key only separates
 * sites).
 */
public final class ResourceIds {

  private final String site;
  private final ThreadLocal<Mac> mac;

  public ResourceIds(String site, byte[] secret) {
    if (site == null || site.isBlank()) {
      throw new IllegalArgumentException("site code required");
    }
    this.site = site;
    byte[] key = secret.clone();
    this.mac = ThreadLocal.withInitial(() -> newMac(key));
  }

  /** Ids keyed by the site code only; fine for tests and for sites without a secret yet. */
  public static ResourceIds forSite(String site) {
    return new ResourceIds(site, ("ccp-fhir-mappers:" + site).getBytes(StandardCharsets.UTF_8));
  }

  public String site() {
    return site;
  }

  /** The id for a resource named by the parts (patient key, kind, tumour key, report key, ...). */
  public String id(String... parts) {
    Mac m = mac.get();
    m.update(site.getBytes(StandardCharsets.UTF_8));
    for (String part : parts) {
      m.update((byte) 0x1f);
      m.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
    }
    String hex = HexFormat.of().formatHex(m.doFinal(), 0, 16);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20, 32);
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
