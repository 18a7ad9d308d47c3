package org.ccpfhir.security.ca;

import java.security.KeyPair;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate requests for tests, including ones asking for more than they may get. */
public final class Csrs {

  private Csrs() {}

  public static KeyPair rsaKeys() {
    return CertificateIssuer.newKeyPair(2048);
  }

  /** A request for {@code subject} asking for SANs and, greedily, CA powers. */
  public static PKCS10CertificationRequest request(String subject, KeyPair keys) throws Exception {
    return request(subject, keys, keys.getPrivate());
  }

  /** As {@link #request(String, KeyPair)} but signed with {@code signingKey}. */
  public static PKCS10CertificationRequest request(
      String subject, KeyPair keys, PrivateKey signingKey) throws Exception {
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "bh.example.org"),
              new GeneralName(GeneralName.iPAddress, "10.0.0.7"),
              new GeneralName(GeneralName.rfc822Name, "ops@example.org")
            }));
    extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
        .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey));
  }
}
