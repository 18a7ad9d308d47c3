package org.ccpfhir.security.ca;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The identity of a component in the network: its role and, for site components, the site code.
 * Certificates carry it as subject CN {@code role.SITE} (e.g. {@code bridgehead.HD}) or just {@code
 * role} for central components. A component's identity is only ever taken from its verified
 * certificate.
 *
 * @param role lower-case role, e.g. {@code bridgehead}, {@code mds-search}
 * @param site upper-case site code, e.g. {@code HD}; {@code null} for central components
 */
public record ComponentName(String role, String site) {

  private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]{1,30}");
  private static final Pattern SITE = Pattern.compile("[A-Z0-9]{1,12}");

  public ComponentName {
    Objects.requireNonNull(role, "role");
    if (!ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException(
          "component role '" + role + "' must match " + ROLE.pattern());
    }
    if (site != null && !SITE.matcher(site).matches()) {
      throw new IllegalArgumentException("site code '" + site + "' must match " + SITE.pattern());
    }
  }

  public static ComponentName of(String role, String site) {
    return new ComponentName(role, site);
  }

  /** Parses {@code role.SITE} or {@code role}. */
  public static ComponentName parse(String cn) {
    if (cn == null || cn.isBlank()) {
      throw new IllegalArgumentException("component name is empty");
    }
    int dot = cn.indexOf('.');
    if (dot < 0) {
      return new ComponentName(cn, null);
    }
    if (cn.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException("component name '" + cn + "' must be role or role.SITE");
    }
    return new ComponentName(cn.substring(0, dot), cn.substring(dot + 1));
  }

  /** The name in the subject CN of a certificate. */
  public static ComponentName fromCertificate(X509Certificate certificate) {
    return parse(commonName(certificate.getSubjectX500Principal()));
  }

  static String commonName(X500Principal principal) {
    RDN[] cns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw new IllegalArgumentException("certificate subject must hold exactly one CN");
    }
    return IETFUtils.valueToString(cns[0].getFirst().getValue());
  }

  public String cn() {
    return site == null ? role : role + "." + site;
  }

  public boolean central() {
    return site == null;
  }

  @Override
  public String toString() {
    return cn();
  }
}
