package org.ccpfhir.security.ca;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * What the CA takes from a PKCS#10 request: the proven public key, the component name in the CN and
 * the requested DNS/IP alternative names. Everything else a request asks for (key usages, CA flags,
 * other extensions) is ignored; the CA decides those.
 */
record Enrolment(ComponentName name, PublicKey publicKey, List<GeneralName> altNames) {

  /** Component keys are RSA so that they can receive RSA-OAEP envelopes. */
  static final int MIN_RSA_BITS = 2048;

  static Enrolment of(PKCS10CertificationRequest request) {
    PublicKey key = publicKey(request);
    if (!signatureValid(request, key)) {
      throw new CredentialException("the certificate request's signature is invalid");
    }
    if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS) {
      throw new CredentialException(
          "the certificate request must carry an RSA key of at least " + MIN_RSA_BITS + " bits");
    }
    return new Enrolment(componentName(request.getSubject()), key, altNames(request));
  }

  private static PublicKey publicKey(PKCS10CertificationRequest request) {
    try {
      return new JcaPKCS10CertificationRequest(request).getPublicKey();
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      throw new CredentialException("the certificate request holds no readable public key", e);
    }
  }

  private static boolean signatureValid(PKCS10CertificationRequest request, PublicKey key) {
    try {
      return request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      return false;
    }
  }

  private static ComponentName componentName(X500Name subject) {
    try {
      return ComponentName.parse(ComponentName.commonName(new X500Principal(subject.getEncoded())));
    } catch (IOException | IllegalArgumentException e) {
      throw new CredentialException(
          "the certificate request's subject CN must be a component name (role or role.SITE): "
              + e.getMessage(),
          e);
    }
  }

  private static List<GeneralName> altNames(PKCS10CertificationRequest request) {
    List<GeneralName> names = new ArrayList<>();
    for (Attribute attribute :
        request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames requested =
          GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      if (requested == null) {
        continue;
      }
      for (GeneralName name : requested.getNames()) {
        if (name.getTagNo() == GeneralName.dNSName || name.getTagNo() == GeneralName.iPAddress) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
