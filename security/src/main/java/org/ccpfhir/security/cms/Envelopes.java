package org.ccpfhir.security.cms;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.jcajce.JceKEKRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.ccpfhir.security.ca.CertificateRejectedException;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.EnvelopeException.Reason;

/**
 * Application-layer encryption between components: the payload is signed by the sender (CMS
 * SignedData, SHA-256 with RSA, sender certificate included) and the signed data encrypted (CMS
 * AuthEnvelopedData, AES-256-GCM with a fresh content key per envelope). The content key is wrapped
 * either for the recipient's certificate (RSA-OAEP-SHA256, recipient named by subject key
 * identifier so a renewed certificate with the same key still opens it) or with a per-study {@link
 * StudyKey} (AES-256 key wrap). Opening verifies the GCM tag, the signature and the sender's
 * certificate against the network CA; any failure is an {@link EnvelopeException}.
 */
public final class Envelopes {

  private Envelopes() {}

  /** Signs {@code payload} as {@code sender} and encrypts it for {@code recipient}. DER. */
  public static byte[] seal(byte[] payload, Credential sender, X509Certificate recipient) {
    JceKeyTransRecipientInfoGenerator to =
        new JceKeyTransRecipientInfoGenerator(
                AuthEnvelope.subjectKeyId(recipient.getPublicKey()),
                CmsAlgorithms.RSA_OAEP_SHA256,
                recipient.getPublicKey())
            .setProvider(CmsAlgorithms.BC);
    return AuthEnvelope.seal(
        CMSObjectIdentifiers.signedData, SignedContent.sign(payload, sender), to);
  }

  /** Decrypts an envelope sealed for {@code recipient} and checks who sent it. */
  public static Opened open(byte[] sealed, Credential recipient, CertificateVerifier verifier) {
    byte[] signed =
        AuthEnvelope.parse(sealed, CMSObjectIdentifiers.signedData).decryptFor(recipient);
    return checkSender(SignedContent.verify(signed), verifier);
  }

  /**
   * Signs {@code payload} and encrypts it under a study key; {@code keyId} names the key for the
   * receiver (see {@link #studyKeyId}).
   */
  public static byte[] sealForStudy(byte[] payload, Credential sender, StudyKey key, String keyId) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("a study key needs a key id");
    }
    JceKEKRecipientInfoGenerator to =
        new JceKEKRecipientInfoGenerator(keyId.getBytes(StandardCharsets.UTF_8), key.secretKey())
            .setProvider(CmsAlgorithms.BC);
    return AuthEnvelope.seal(
        CMSObjectIdentifiers.signedData, SignedContent.sign(payload, sender), to);
  }

  /** Decrypts an envelope sealed with {@link #sealForStudy} and checks who sent it. */
  public static Opened openForStudy(byte[] sealed, StudyKey key, CertificateVerifier verifier) {
    byte[] signed =
        AuthEnvelope.parse(sealed, CMSObjectIdentifiers.signedData).decryptWith(key.secretKey());
    return checkSender(SignedContent.verify(signed), verifier);
  }

  /** The key id a study envelope names, to pick the study key before opening it. */
  public static String studyKeyId(byte[] sealed) {
    return new String(
        AuthEnvelope.parse(sealed, CMSObjectIdentifiers.signedData).studyKeyId(),
        StandardCharsets.UTF_8);
  }

  private static Opened checkSender(SignedContent.Verified verified, CertificateVerifier verifier) {
    try {
      ComponentName sender = verifier.verify(new X509Certificate[] {verified.signer()});
      return new Opened(verified.content(), sender, verified.signer());
    } catch (CertificateRejectedException e) {
      throw new EnvelopeException(
          Reason.SENDER_REJECTED, "the sender is not accepted: " + e.getMessage(), e);
    }
  }
}
