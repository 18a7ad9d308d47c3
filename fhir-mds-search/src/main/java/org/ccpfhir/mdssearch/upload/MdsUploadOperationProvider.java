package org.ccpfhir.mdssearch.upload;

import static org.ccpfhir.profiles.upload.MdsUploadContract.DELETED;
import static org.ccpfhir.profiles.upload.MdsUploadContract.UPSERTED;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import jakarta.servlet.http.HttpServletRequest;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code POST [mds]/fhir/$mds-upload}: a bridgehead's sealed upload (OperationDefinition {@code
 * mds-upload} in profiles). Only a bridgehead certificate reaches it (access rules); its site is
 * the site the records are stored under.
 */
public class MdsUploadOperationProvider implements FhirProvider {

  private final UploadReceiver receiver;

  public MdsUploadOperationProvider(UploadReceiver receiver) {
    this.receiver = receiver;
  }

  @Operation(name = "$mds-upload", idempotent = false)
  public Parameters upload(
      @OperationParam(name = "envelope", min = 1, max = 1) Base64BinaryType envelope,
      HttpServletRequest request) {
    String site = UploadReceiver.callerSite(envelope);
    UploadReceiver.Outcome outcome = receiver.receive(envelope.getValue(), site);
    // counts only: the audit record of this request says what the upload did, never whom
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "upload of site "
            + site
            + ": upserted "
            + outcome.upserted()
            + ", deleted "
            + outcome.deleted());
    Parameters answer = new Parameters();
    answer.addParameter().setName(UPSERTED).setValue(new IntegerType(outcome.upserted()));
    answer.addParameter().setName(DELETED).setValue(new IntegerType(outcome.deleted()));
    return answer;
  }
}
