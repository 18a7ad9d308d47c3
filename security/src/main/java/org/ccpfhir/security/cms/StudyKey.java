package org.ccpfhir.security.cms;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.EnvelopeException.Reason;

/**
 * A per-study AES-256 key. Study exports are sealed under it (it wraps each envelope's fresh
 * content key, so the GCM nonce never repeats under one key), and the key itself travels only
 * wrapped for the study's certificate. {@link #toString()} never shows the key.
 */
public final class StudyKey {

  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  private StudyKey(SecretKey key) {
    this.key = key;
  }

  /** A new random AES-256 key. */
  public static StudyKey generate() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(KEY_BYTES * 8, RANDOM);
      return new StudyKey(generator.generateKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES key generation is not available", e);
    }
  }

  /**
   * The key, encrypted for the holder of {@code studyCertificate}: CMS AuthEnvelopedData (the
   * authenticated form of EnvelopedData, so a changed byte is detected rather than yielding a wrong
   * key), AES-256-GCM content encryption, RSA-OAEP-SHA256 key transport. DER.
   */
  public byte[] wrapFor(X509Certificate studyCertificate) {
    JceKeyTransRecipientInfoGenerator recipient =
        new JceKeyTransRecipientInfoGenerator(
                AuthEnvelope.subjectKeyId(studyCertificate.getPublicKey()),
                CmsAlgorithms.RSA_OAEP_SHA256,
                studyCertificate.getPublicKey())
            .setProvider(CmsAlgorithms.BC);
    return AuthEnvelope.seal(CMSObjectIdentifiers.data, key.getEncoded(), recipient);
  }

  /** Recovers a key wrapped with {@link #wrapFor} using the study's credential. */
  public static StudyKey unwrap(byte[] wrapped, Credential study) {
    byte[] raw = AuthEnvelope.parse(wrapped, CMSObjectIdentifiers.data).decryptFor(study);
    try {
      if (raw.length != KEY_BYTES) {
        throw new EnvelopeException(
            Reason.MALFORMED, "the wrapped study key is not an AES-256 key");
      }
      return new StudyKey(new SecretKeySpec(raw, "AES"));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  SecretKey secretKey() {
    return key;
  }

  @Override
  public String toString() {
    return "StudyKey[AES-256]";
  }
}
