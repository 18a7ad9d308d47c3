package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.reencrypt.ReEncryption;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.security.ca.Pem;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [central-list]/fhir/$reencrypt} (CCP-IT §3.3): a site presents one of its global
 * pseudonyms and names a target (e.g. {@code mds-search}); the answer is the person's pseudonym in
 * the target's domain as a CMS envelope only the target can open — a fresh ciphertext every time.
 * The person, not the site pseudonym, is the source: the same person at two sites has one target
 * pseudonym.
 */
public class ReencryptOperationProvider implements FhirProvider {

  private final CentralPatientList list;
  private final ReEncryption reEncryption;
  private final Map<String, CentralListProperties.Target> targets;

  public ReencryptOperationProvider(
      CentralPatientList list,
      ReEncryption reEncryption,
      Map<String, CentralListProperties.Target> targets) {
    this.list = list;
    this.reEncryption = reEncryption;
    this.targets = Map.copyOf(targets);
  }

  @Operation(name = "$reencrypt", idempotent = false)
  public Parameters reencrypt(
      @OperationParam(name = "pseudonym", min = 1, max = 1) StringType pseudonym,
      @OperationParam(name = "target", min = 1, max = 1) CodeType target) {
    if (pseudonym == null || !pseudonym.hasValue()) {
      throw new InvalidRequestException("parameter 'pseudonym' is required");
    }
    CentralListProperties.Target configured =
        target == null ? null : targets.get(target.getValue());
    if (configured == null) {
      throw new InvalidRequestException(
          "parameter 'target' must name a re-encryption target: " + targets.keySet());
    }
    String site = SiteCaller.site();
    long person = SiteCaller.person(list, site, pseudonym.getValue());
    byte[] envelope =
        reEncryption.reencrypt(source(person), configured.domain(), certificate(configured));
    Parameters output = new Parameters();
    output.addParameter().setName("target").setValue(new CodeType(target.getValue()));
    output.addParameter().setName("encryptedPseudonym").setValue(new Base64BinaryType(envelope));
    return output;
  }

  /** The re-encryption source of a central person. */
  static String source(long person) {
    return CentralPatientList.personKey(person);
  }

  private static X509Certificate certificate(CentralListProperties.Target target) {
    try {
      return Pem.readCertificate(target.certificate());
    } catch (RuntimeException e) {
      throw new UpstreamException(503, "the target's certificate is not available");
    }
  }
}
