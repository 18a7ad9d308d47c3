package org.ccpfhir.bridgehead.upload;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ccpfhir.bridgehead.pseudonym.PseudonymService;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The pseudonym a patient has at the MDS database, as an envelope only the MDS database opens
 * (CCP-IT §3.3): for network consent the MDS*G-ID from the central list's {@code $reencrypt} of the
 * patient's BK-G-ID (one person, one MDS*G-ID across sites; a fresh ciphertext every call); for
 * local consent (§3.4 b) {@code L-} + HMAC-SHA256(site key, site and BK-L-ID), sealed by this
 * bridgehead — site-scoped, stable, and no BK-ID the central side could read or link.
 */
public class MdsPseudonyms {

  private final ComponentClient centralList;
  private final URI centralListUrl;
  private final String target;
  private final PseudonymService pseudonyms;
  private final Credential self;
  private final Supplier<X509Certificate> mdsDatabase;
  private final SecretKeySpec localKey;
  private final String site;

  public MdsPseudonyms(
      ComponentClient centralList,
      URI centralListUrl,
      String target,
      PseudonymService pseudonyms,
      Credential self,
      Supplier<X509Certificate> mdsDatabase,
      byte[] localKey,
      String site) {
    this.centralList = centralList;
    this.centralListUrl = centralListUrl;
    this.target = target;
    this.pseudonyms = pseudonyms;
    this.self = self;
    this.mdsDatabase = mdsDatabase;
    this.localKey = new SecretKeySpec(localKey, "HmacSHA256");
    this.site = site;
  }

  /** The MDS database's certificate, which every envelope is encrypted for. */
  public Supplier<X509Certificate> mdsCertificate() {
    return mdsDatabase;
  }

  /** The site's BK-G-ID of a patient known by its BK-L-ID (network consent is checked there). */
  public String globalPseudonym(String bkLocal) {
    return pseudonyms.pseudonymize("BK-G", null, bkLocal).getValue();
  }

  /** The MDS*G-ID of the person behind a BK-G-ID, sealed for the MDS database. */
  public byte[] network(String bkGlobal) {
    if (centralList == null) {
      throw new UpstreamException(503, "the central patient list is not configured");
    }
    Parameters input = new Parameters();
    input.addParameter().setName("pseudonym").setValue(new StringType(bkGlobal));
    input.addParameter().setName("target").setValue(new CodeType(target));
    Parameters answer =
        centralList.call("central patient list", centralListUrl, "$reencrypt", input);
    if (!(answer.getParameter("encryptedPseudonym") != null
        && answer.getParameter("encryptedPseudonym").getValue() instanceof Base64BinaryType b)) {
      throw new UpstreamException(502, "the central patient list answered no encrypted pseudonym");
    }
    return b.getValue();
  }

  /** The site-scoped pseudonym of a locally consented patient, sealed for the MDS database. */
  public byte[] local(String bkLocal) {
    return Envelopes.seal(
        localValue(bkLocal).getBytes(StandardCharsets.US_ASCII), self, mdsDatabase.get());
  }

  String localValue(String bkLocal) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(localKey);
      byte[] digest = mac.doFinal((site + "|" + bkLocal).getBytes(StandardCharsets.UTF_8));
      return MdsUploadContract.LOCAL_PREFIX + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
