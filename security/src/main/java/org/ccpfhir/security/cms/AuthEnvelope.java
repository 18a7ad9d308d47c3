package org.ccpfhir.security.cms;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KEKRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientIdentifier;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.KEKRecipientId;
import org.bouncycastle.cms.KEKRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SimpleAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEKAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.EnvelopeException.Reason;

/**
 * The outer layer: CMS AuthEnvelopedData (RFC 5083) with AES-256-GCM under a fresh content key per
 * envelope. The content type travels as an authenticated attribute, so it is covered by the GCM
 * tag. On opening, the structure is checked strictly (DER, version, pinned algorithms) before
 * anything is decrypted.
 */
final class AuthEnvelope {

  private final CMSAuthEnvelopedData data;

  private AuthEnvelope(CMSAuthEnvelopedData data) {
    this.data = data;
  }

  static byte[] seal(ASN1ObjectIdentifier contentType, byte[] content, RecipientInfoGenerator to) {
    try {
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      generator.addRecipientInfoGenerator(to);
      generator.setAuthenticatedAttributeGenerator(
          new SimpleAttributeTableGenerator(
              new AttributeTable(
                  new Attribute(CMSAttributes.contentType, new DERSet(contentType)))));
      OutputAEADEncryptor encryptor =
          (OutputAEADEncryptor)
              new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                  .setProvider(CmsAlgorithms.BC)
                  .build();
      return generator
          .generate(new CMSProcessableByteArray(contentType, content), encryptor)
          .toASN1Structure()
          .getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new EnvelopeException(Reason.CANNOT_SEAL, "cannot encrypt: " + e.getMessage(), e);
    }
  }

  /** Parses and checks an envelope whose content must be of {@code expectedContentType}. */
  static AuthEnvelope parse(byte[] sealed, ASN1ObjectIdentifier expectedContentType) {
    ContentInfo info = contentInfo(sealed);
    if (!CMSObjectIdentifiers.authEnvelopedData.equals(info.getContentType())) {
      throw malformed(
          "not an authenticated CMS envelope (content type " + info.getContentType() + ")");
    }
    try {
      AuthEnvelopedData envelope = AuthEnvelopedData.getInstance(info.getContent());
      EncryptedContentInfo encrypted = envelope.getAuthEncryptedContentInfo();
      if (!expectedContentType.equals(encrypted.getContentType())) {
        throw wrongContent(expectedContentType, encrypted.getContentType());
      }
      checkStructure(envelope, encrypted);
      checkCanonical(envelope, sealed);
      return new AuthEnvelope(new CMSAuthEnvelopedData(info));
    } catch (EnvelopeException e) {
      throw e;
    } catch (Exception e) {
      throw malformed("the envelope structure cannot be read");
    }
  }

  /** Decrypts with a recipient's RSA key, found by the key's subject key identifier. */
  byte[] decryptFor(Credential recipient) {
    RecipientInformation info = data.getRecipientInfos().get(keyTransId(recipient));
    if (info == null) {
      throw new EnvelopeException(
          Reason.WRONG_RECIPIENT,
          "the envelope is not addressed to " + recipient.certificate().getSubjectX500Principal());
    }
    if (!CmsAlgorithms.RSA_OAEP_SHA256.equals(info.getKeyEncryptionAlgorithm())) {
      throw malformed("the content key is not wrapped with RSA-OAEP-SHA256");
    }
    return decrypt(
        info,
        new JceKeyTransAuthEnvelopedRecipient(recipient.privateKey())
            .setProvider(CmsAlgorithms.BC));
  }

  /** Decrypts with a study key (KEK recipient info, AES-256 key wrap). */
  byte[] decryptWith(SecretKey studyKey) {
    RecipientInformation info = kekRecipient();
    if (!CmsAlgorithms.AES256_WRAP
            .getAlgorithm()
            .equals(info.getKeyEncryptionAlgorithm().getAlgorithm())
        || info.getKeyEncryptionAlgorithm().getParameters() != null) {
      throw malformed("the content key is not wrapped with AES-256 key wrap");
    }
    return decrypt(info, new JceKEKAuthEnvelopedRecipient(studyKey).setProvider(CmsAlgorithms.BC));
  }

  /** The key identifier of the study key the envelope is encrypted for. */
  byte[] studyKeyId() {
    return ((KEKRecipientId) kekRecipient().getRID()).getKeyIdentifier();
  }

  static byte[] subjectKeyId(PublicKey key) {
    try {
      return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key).getKeyIdentifier();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is not available for key identifiers", e);
    }
  }

  private RecipientInformation kekRecipient() {
    for (RecipientInformation info : data.getRecipientInfos()) {
      if (info instanceof KEKRecipientInformation) {
        return info;
      }
    }
    throw new EnvelopeException(
        Reason.WRONG_RECIPIENT, "the envelope is not encrypted for a study key");
  }

  private static KeyTransRecipientId keyTransId(Credential recipient) {
    return new KeyTransRecipientId(subjectKeyId(recipient.certificate().getPublicKey()));
  }

  private static byte[] decrypt(RecipientInformation info, Recipient recipient) {
    try {
      return info.getContent(recipient);
    } catch (Exception e) {
      // a wrong key, a changed wrapped key, nonce, ciphertext or tag all end here
      throw new EnvelopeException(
          Reason.TAMPERED,
          "the envelope cannot be decrypted: it was changed or not encrypted for this key");
    }
  }

  private static ContentInfo contentInfo(byte[] sealed) {
    try {
      ASN1Primitive primitive = ASN1Primitive.fromByteArray(sealed);
      if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), sealed)) {
        throw malformed("the envelope is not DER-encoded");
      }
      return ContentInfo.getInstance(primitive);
    } catch (IOException | RuntimeException e) {
      if (e instanceof EnvelopeException envelopeException) {
        throw envelopeException;
      }
      throw malformed("the envelope is not a CMS structure");
    }
  }

  private static void checkStructure(AuthEnvelopedData envelope, EncryptedContentInfo encrypted) {
    if (envelope.getVersion().intValueExact() != 0
        || envelope.getOriginatorInfo() != null
        || envelope.getUnauthAttrs() != null) {
      throw malformed("unexpected version or attributes in the envelope");
    }
    if (!CMSAlgorithm.AES256_GCM.equals(encrypted.getContentEncryptionAlgorithm().getAlgorithm())) {
      throw malformed("the content is not encrypted with AES-256-GCM");
    }
    GCMParameters gcm =
        GCMParameters.getInstance(encrypted.getContentEncryptionAlgorithm().getParameters());
    if (gcm.getNonce().length != CmsAlgorithms.GCM_NONCE_BYTES
        || gcm.getIcvLen() != CmsAlgorithms.GCM_TAG_BYTES
        || envelope.getMac().getOctets().length != CmsAlgorithms.GCM_TAG_BYTES) {
      throw malformed("unexpected AES-GCM parameters");
    }
    if (envelope.getAuthAttrs() == null) {
      throw malformed("the envelope carries no authenticated content type");
    }
    AttributeTable authenticated = new AttributeTable(envelope.getAuthAttrs());
    Attribute contentType = authenticated.get(CMSAttributes.contentType);
    if (authenticated.size() != 1
        || contentType == null
        || !encrypted.getContentType().equals(contentType.getAttrValues().getObjectAt(0))) {
      throw malformed("the authenticated content type is missing or does not match");
    }
  }

  /**
   * BouncyCastle reads some fields leniently (implicit tag numbers, version numbers). Rebuilding
   * the structure from what was read and requiring the same bytes makes every changed byte count,
   * not only those covered by the GCM tag.
   */
  private static void checkCanonical(AuthEnvelopedData envelope, byte[] sealed) throws IOException {
    ASN1EncodableVector recipients = new ASN1EncodableVector();
    for (ASN1Encodable element : envelope.getRecipientInfos()) {
      recipients.add(canonicalRecipient(RecipientInfo.getInstance(element).getInfo()));
    }
    AuthEnvelopedData rebuilt =
        new AuthEnvelopedData(
            null,
            new DERSet(recipients),
            envelope.getAuthEncryptedContentInfo(),
            envelope.getAuthAttrs(),
            envelope.getMac(),
            null);
    byte[] canonical =
        new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, rebuilt)
            .getEncoded(ASN1Encoding.DER);
    if (!Arrays.equals(canonical, sealed)) {
      throw malformed("the envelope is not in canonical form");
    }
  }

  private static RecipientInfo canonicalRecipient(ASN1Encodable info) {
    if (info instanceof KeyTransRecipientInfo keyTrans) {
      RecipientIdentifier id = keyTrans.getRecipientIdentifier();
      int expected = id.isTagged() ? 2 : 0;
      if (keyTrans.getVersion().intValueExact() != expected) {
        throw malformed("unexpected recipient info version");
      }
      return new RecipientInfo(
          new KeyTransRecipientInfo(
              id.isTagged() ? new RecipientIdentifier(ASN1OctetString.getInstance(id.getId())) : id,
              keyTrans.getKeyEncryptionAlgorithm(),
              keyTrans.getEncryptedKey()));
    }
    if (info instanceof KEKRecipientInfo kek) {
      if (kek.getVersion().intValueExact() != 4) {
        throw malformed("unexpected recipient info version");
      }
      return new RecipientInfo(
          new KEKRecipientInfo(
              kek.getKekid(), kek.getKeyEncryptionAlgorithm(), kek.getEncryptedKey()));
    }
    throw malformed("unsupported kind of recipient info");
  }

  private static EnvelopeException wrongContent(
      ASN1ObjectIdentifier expected, ASN1ObjectIdentifier found) {
    if (CMSObjectIdentifiers.signedData.equals(expected)) {
      return new EnvelopeException(
          Reason.UNSIGNED,
          "the envelope content is not signed by its sender (content type " + found + ")");
    }
    return malformed("the envelope holds content of type " + found + ", expected " + expected);
  }

  private static EnvelopeException malformed(String message) {
    return new EnvelopeException(Reason.MALFORMED, message);
  }
}
