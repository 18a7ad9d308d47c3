package org.ccpfhir.mappers.fhir;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable logical ids: HMAC-SHA256 over site, source patient id and the report's own keys, shown as
 * a UUID. The same report imported again yields the same id, so the transaction's PUT updates the
 * stored resource instead of adding a copy. Keyed, so that nobody can find a patient's resources by
 * trying hospital patient numbers: sites set their own secret (the default key only separates
 * sites).
 *
 * <p>The builders name each resource by these parts: the patient key, then a kind — {@code
 * Patient}, {@code Condition}, {@code hist}, {@code grading}, {@code tnmc}, {@code tnmp}, {@code
 * fm}, {@code residual}, {@code vital}, {@code op}, {@code st}, {@code syst}, {@code fu}, {@code
 * fu-overall}, {@code fu-local}, {@code fu-ln}, {@code fu-met}, {@code spec} — then the tumour and
 * report keys (see {@link Refs}).
 */
public final class ResourceIds {

  private final String site;
  private final Function<String[], String> naming;

  public ResourceIds(String site, byte[] secret) {
    this(site, hmac(site, secret.clone()));
  }

  private ResourceIds(String site, Function<String[], String> naming) {
    if (site == null || site.isBlank()) {
      throw new IllegalArgumentException("site code required");
    }
    this.site = site;
    this.naming = naming;
  }

  /**
   * Ids the caller derives from the same parts, for generated data whose ids should be readable and
   * predictable (the synthetic generator's {@code hd-17-dx}). The caller keeps them unique and
   * within FHIR's id syntax; real imports keep the keyed ids.
   */
  public static ResourceIds named(String site, Function<String[], String> naming) {
    return new ResourceIds(site, naming);
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
    return naming.apply(parts);
  }

  private static Function<String[], String> hmac(String site, byte[] key) {
    ThreadLocal<Mac> mac = ThreadLocal.withInitial(() -> newMac(key));
    return parts -> {
      Mac m = mac.get();
      m.update(site.getBytes(StandardCharsets.UTF_8));
      for (String part : parts) {
        m.update((byte) 0x1f);
        m.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
      }
      return uuid(HexFormat.of().formatHex(m.doFinal(), 0, 16));
    };
  }

  private static String uuid(String hex) {
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
