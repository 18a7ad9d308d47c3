package org.ccpfhir.security.cms;

import java.security.Provider;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The only algorithms envelopes use and accept. Pinning them means a changed algorithm identifier
 * in a received envelope is refused instead of interpreted.
 */
final class CmsAlgorithms {

  /** A private provider instance: nothing is registered globally in the JVM. */
  static final Provider BC = new BouncyCastleProvider();

  static final String SIGNATURE = "SHA256withRSA";

  private static final AlgorithmIdentifier SHA256 =
      new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

  /** RSAES-OAEP with SHA-256 and MGF1-SHA-256, empty label. */
  static final AlgorithmIdentifier RSA_OAEP_SHA256 =
      new AlgorithmIdentifier(
          PKCSObjectIdentifiers.id_RSAES_OAEP,
          new RSAESOAEPparams(
              SHA256,
              new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, SHA256),
              RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));

  /** AES-256 key wrap (RFC 3394) for study keys. */
  static final AlgorithmIdentifier AES256_WRAP =
      new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes256_wrap);

  /** GCM nonce and tag sizes the network uses (96-bit nonce, 128-bit tag). */
  static final int GCM_NONCE_BYTES = 12;

  static final int GCM_TAG_BYTES = 16;

  private CmsAlgorithms() {}
}
