package org.ccpfhir.bridgehead.export;

import static org.ccpfhir.bridgehead.export.ExportIssues.invalid;
import static org.ccpfhir.bridgehead.export.ExportIssues.unprocessable;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.ccpfhir.security.ca.Pem;

/**
 * The certificate a study's export key is wrapped for: the registered one ({@code
 * ccp.export.studies}) or, for a study that is not registered, the one sent with the request.
 */
public final class StudyCertificates {

  private final Map<String, X509Certificate> registered = new HashMap<>();
  private final Clock clock;

  public StudyCertificates(ExportProperties properties, Clock clock) {
    this.clock = clock;
    // read at start: a registered study whose certificate cannot be read is a configuration error
    properties
        .studies()
        .forEach(
            (study, config) -> registered.put(study, Pem.readCertificate(config.certificate())));
  }

  /**
   * @param study the study id
   * @param sent the certificate sent with the request (PEM or DER), or null
   */
  public X509Certificate resolve(String study, byte[] sent) {
    X509Certificate given = sent == null ? null : parse(sent);
    X509Certificate known = registered.get(study);
    if (known != null && given != null && !known.equals(given)) {
      throw unprocessable(
          "studyCertificate",
          "the study is registered with another certificate; omit studyCertificate");
    }
    X509Certificate certificate = known != null ? known : given;
    if (certificate == null) {
      throw unprocessable(
          "studyCertificate",
          "the study is not registered: send its certificate as studyCertificate");
    }
    check(certificate);
    return certificate;
  }

  private static X509Certificate parse(byte[] sent) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(sent));
    } catch (CertificateException | ClassCastException e) {
      throw invalid(
          "studyCertificate", "studyCertificate is not an X.509 certificate (PEM or DER)");
    }
  }

  private void check(X509Certificate certificate) {
    try {
      certificate.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw unprocessable("studyCertificate", "the study certificate is not valid now");
    }
    if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
      throw unprocessable(
          "studyCertificate",
          "the study certificate must hold an RSA key (RSA-OAEP key transport)");
    }
  }
}
