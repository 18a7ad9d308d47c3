package org.ccpfhir.mdssearch.upload;

import static org.ccpfhir.profiles.upload.MdsUploadContract.LOCAL_PREFIX;
import static org.ccpfhir.profiles.upload.MdsUploadContract.PSEUDONYM;
import static org.ccpfhir.profiles.upload.MdsWithdrawalContract.AFFECTED;
import static org.ccpfhir.profiles.upload.MdsWithdrawalContract.ANONYMISE;
import static org.ccpfhir.profiles.upload.MdsWithdrawalContract.DELETE;
import static org.ccpfhir.profiles.upload.MdsWithdrawalContract.MODE;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.cms.Opened;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code POST [mds]/fhir/$mds-withdraw} (OperationDefinition {@code mds-withdraw}): a bridgehead
 * withdraws a person (CCP-IT §6.5), sealed as an upload is. An MDS*G-ID names the person, whose
 * records at every site go (delete) or are re-keyed under a random key (anonymise); a site's own
 * {@code L-} pseudonym only reaches that site's record. The answer is the bridgehead's
 * confirmation; a repeated call affects nothing and answers 0.
 */
public class MdsWithdrawOperationProvider implements FhirProvider {

  private final UploadReceiver receiver;
  private final MdsStoreService store;

  public MdsWithdrawOperationProvider(UploadReceiver receiver, MdsStoreService store) {
    this.receiver = receiver;
    this.store = store;
  }

  @Operation(name = "$mds-withdraw", idempotent = false)
  public Parameters withdraw(
      @OperationParam(name = "envelope", min = 1, max = 1) Base64BinaryType envelope,
      HttpServletRequest request) {
    String site = UploadReceiver.callerSite(envelope);
    Opened opened = receiver.openFromSite(envelope.getValue(), site);
    Parameters content = receiver.parse(opened.payload());
    Parameters.ParametersParameterComponent pseudonym = content.getParameter(PSEUDONYM);
    String mode =
        content.getParameter(MODE) == null
            ? null
            : content.getParameter(MODE).getValue().primitiveValue();
    if (pseudonym == null
        || !(pseudonym.getValue() instanceof Base64BinaryType sealed)
        || !(DELETE.equals(mode) || ANONYMISE.equals(mode))) {
      throw new InvalidRequestException(
          "the withdrawal needs 'pseudonym' (base64Binary) and 'mode' (delete or anonymise)");
    }
    String value = receiver.pseudonymOf(sealed.getValue(), opened.sender(), PSEUDONYM);
    // a site's own L- pseudonym reaches only its record; an MDS*G-ID is the person everywhere
    String scope = value.startsWith(LOCAL_PREFIX) ? site : null;
    int affected =
        DELETE.equals(mode) ? store.deleteAll(scope, value) : store.anonymise(scope, value);
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "withdrawal by site " + site + ": " + mode + ", " + affected + " records");
    Parameters answer = new Parameters();
    answer.addParameter().setName(MODE).setValue(new CodeType(mode));
    answer.addParameter().setName(AFFECTED).setValue(new IntegerType(affected));
    return answer;
  }
}
