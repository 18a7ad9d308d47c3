package org.ccpfhir.bridgehead.approval;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.ccpfhir.bridgehead.searchagent.DecisionSender;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.profiles.task.SearchTasks;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The released result as the researcher opens it: a Parameters ({@code count} or {@code
 * count-below}, {@code message}; for a rejection {@code reason}) signed with the site's certificate
 * and encrypted for the certificate the request named. The broker carries it but cannot read it.
 */
public class ResultSealer implements DecisionSender.Sealer {

  private final Credential site;
  private final FhirContext fhirContext;

  public ResultSealer(Credential site, FhirContext fhirContext) {
    this.site = site;
    this.fhirContext = fhirContext;
  }

  @Override
  public byte[] seal(LocalSearchRequest request) {
    Parameters result = new Parameters();
    if (request.released() != null) {
      ReleasedCount count = ReleasedCount.parse(request.released());
      if (count.count() != null) {
        result.addParameter(SearchTasks.RESULT_COUNT, new IntegerType(count.count()));
      } else {
        result.addParameter(SearchTasks.RESULT_COUNT_BELOW, new IntegerType(count.below()));
      }
    }
    if (request.message() != null) {
      result.addParameter(SearchTasks.RESULT_MESSAGE, new StringType(request.message()));
    }
    if ("reject".equals(request.decision()) && request.reason() != null) {
      result.addParameter(SearchTasks.RESULT_REASON, new StringType(request.reason()));
    }
    byte[] payload =
        fhirContext.newJsonParser().encodeResourceToString(result).getBytes(StandardCharsets.UTF_8);
    return Envelopes.seal(payload, site, certificate(request.certificateBase64()));
  }

  static X509Certificate certificate(String base64) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    } catch (CertificateException e) {
      throw new IllegalStateException("the request's certificate cannot be read", e);
    }
  }
}
