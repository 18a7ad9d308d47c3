package org.ccpfhir.bridgehead.withdrawal;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.bridgehead.upload.MdsPseudonyms;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.profiles.upload.MdsWithdrawalContract;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The withdrawal's calls to the central components, over mutual TLS with this bridgehead's
 * certificate: the MDS database's {@code $mds-withdraw} (sealed like the Teiler's upload: signed by
 * this bridgehead, encrypted for the MDS database, the person's pseudonym as the central list's
 * re-encrypted MDS*G-ID or the site's own {@code L-} pseudonym) and the central list's {@code
 * $withdraw-identity}. Each answer is the component's confirmation; a component that cannot be
 * reached throws, and the step is retried.
 */
public class NetworkWithdrawal {

  private final ComponentClient client;
  private final URI mdsUrl;
  private final URI centralListUrl;
  private final MdsPseudonyms pseudonyms;
  private final Credential self;
  private final FhirContext fhir;

  /**
   * @param pseudonyms null when the upload is not configured (then nothing is held centrally)
   */
  public NetworkWithdrawal(
      ComponentClient client,
      URI mdsUrl,
      URI centralListUrl,
      MdsPseudonyms pseudonyms,
      Credential self,
      FhirContext fhir) {
    this.client = client;
    this.mdsUrl = mdsUrl;
    this.centralListUrl = centralListUrl;
    this.pseudonyms = pseudonyms;
    this.self = self;
    this.fhir = fhir;
  }

  /**
   * Withdraws the person at the MDS database: by its MDS*G-ID when it has a global pseudonym, else
   * by the site's local upload pseudonym.
   *
   * @return the confirmation
   */
  public String mds(String mode, String bkGlobal, String bkLocal) {
    if (pseudonyms == null || client == null) {
      throw new UpstreamException(503, "the MDS database is not configured");
    }
    byte[] pseudonym = bkGlobal != null ? pseudonyms.network(bkGlobal) : pseudonyms.local(bkLocal);
    Parameters content = new Parameters();
    content
        .addParameter()
        .setName(MdsUploadContract.PSEUDONYM)
        .setValue(new Base64BinaryType(pseudonym));
    content.addParameter().setName(MdsWithdrawalContract.MODE).setValue(new CodeType(mode));
    byte[] sealed =
        Envelopes.seal(
            fhir.newJsonParser().encodeResourceToString(content).getBytes(StandardCharsets.UTF_8),
            self,
            pseudonyms.mdsCertificate().get());
    Parameters request = new Parameters();
    request
        .addParameter()
        .setName(MdsUploadContract.ENVELOPE)
        .setValue(new Base64BinaryType(sealed));
    Parameters answer =
        client.call("MDS database", mdsUrl, MdsWithdrawalContract.OPERATION, request);
    int affected = integer(answer, MdsWithdrawalContract.AFFECTED);
    return "MDS database: "
        + affected
        + (MdsWithdrawalContract.DELETE.equals(mode)
            ? " record(s) deleted"
            : " record(s) kept under a random key");
  }

  /**
   * Withdraws the person at the central patient list.
   *
   * @return the confirmation
   */
  public String centralList(String mode, String bkGlobal) {
    if (client == null || centralListUrl == null) {
      throw new UpstreamException(503, "the central patient list is not configured");
    }
    Parameters input = new Parameters();
    input.addParameter().setName("pseudonym").setValue(new StringType(bkGlobal));
    input.addParameter().setName("mode").setValue(new CodeType(mode));
    Parameters answer =
        client.call("central patient list", centralListUrl, "$withdraw-identity", input);
    long replaced =
        answer.getParameter().stream()
            .filter(p -> "replacedProjectPseudonym".equals(p.getName()))
            .count();
    return "central patient list: person deleted, "
        + integer(answer, "retiredPseudonyms")
        + " pseudonym(s) retired"
        + (replaced > 0 ? ", " + replaced + " project pseudonym(s) replaced by random ones" : "");
  }

  private static int integer(Parameters answer, String name) {
    Parameters.ParametersParameterComponent part = answer.getParameter(name);
    if (part == null || !(part.getValue() instanceof IntegerType value)) {
      throw new UpstreamException(502, "the answer lacks '" + name + "'");
    }
    return value.getValue();
  }
}
