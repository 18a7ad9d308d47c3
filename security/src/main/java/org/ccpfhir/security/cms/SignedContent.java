package org.ccpfhir.security.cms;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.EnvelopeException.Reason;

/**
 * The inner layer of an envelope: CMS SignedData with the content encapsulated, one SHA-256/RSA
 * signer and the signer's certificate included, so the recipient needs nothing but the network CA
 * to check who sent it.
 */
final class SignedContent {

  /** Content and the certificate whose key signed it (not yet checked against the CA). */
  record Verified(byte[] content, X509Certificate signer) {}

  private SignedContent() {}

  static byte[] sign(byte[] payload, Credential sender) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder().setProvider(CmsAlgorithms.BC).build())
              .build(
                  new JcaContentSignerBuilder(CmsAlgorithms.SIGNATURE)
                      .setProvider(CmsAlgorithms.BC)
                      .build(sender.privateKey()),
                  sender.certificate()));
      generator.addCertificates(new JcaCertStore(List.of(sender.certificate())));
      return generator
          .generate(new CMSProcessableByteArray(payload), true)
          .getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new EnvelopeException(
          Reason.CANNOT_SEAL, "cannot sign the payload: " + e.getMessage(), e);
    }
  }

  static Verified verify(byte[] signedData) {
    CMSSignedData signed = parse(signedData);
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.size() != 1 || signed.getSignedContent() == null) {
      throw new EnvelopeException(
          Reason.UNSIGNED,
          "the envelope must hold exactly one signature over encapsulated content");
    }
    SignerInformation signer = signers.iterator().next();
    if (!NISTObjectIdentifiers.id_sha256.getId().equals(signer.getDigestAlgOID())) {
      throw new EnvelopeException(Reason.BAD_SIGNATURE, "the signature does not use SHA-256");
    }
    X509CertificateHolder certificate = signerCertificate(signed, signer);
    if (!signatureValid(signer, certificate)) {
      throw new EnvelopeException(
          Reason.BAD_SIGNATURE, "the sender's signature does not match the content");
    }
    return new Verified((byte[]) signed.getSignedContent().getContent(), convert(certificate));
  }

  private static CMSSignedData parse(byte[] signedData) {
    try {
      return new CMSSignedData(signedData);
    } catch (CMSException | RuntimeException e) {
      throw new EnvelopeException(Reason.MALFORMED, "the signed content cannot be read", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static X509CertificateHolder signerCertificate(
      CMSSignedData signed, SignerInformation signer) {
    Collection<X509CertificateHolder> matches =
        signed.getCertificates().getMatches(signer.getSID());
    if (matches.isEmpty()) {
      throw new EnvelopeException(
          Reason.UNSIGNED, "the envelope does not include the sender's certificate");
    }
    return matches.iterator().next();
  }

  private static boolean signatureValid(
      SignerInformation signer, X509CertificateHolder certificate) {
    try {
      return signer.verify(
          new JcaSimpleSignerInfoVerifierBuilder()
              .setProvider(CmsAlgorithms.BC)
              .build(certificate));
    } catch (Exception e) {
      return false;
    }
  }

  private static X509Certificate convert(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new EnvelopeException(Reason.MALFORMED, "the sender's certificate cannot be read", e);
    }
  }
}
