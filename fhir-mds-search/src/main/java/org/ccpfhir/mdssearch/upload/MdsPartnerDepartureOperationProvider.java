package org.ccpfhir.mdssearch.upload;

import static org.ccpfhir.profiles.departure.PartnerDepartureContract.ANONYMISE;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.ANONYMISED;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.CASE;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.DELETED;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.KEEP;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.KEPT;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.RECEIPT;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.SITE;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.SITE_CODE;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.cms.Opened;
import org.ccpfhir.security.fhir.DepartedSiteGuard;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [mds]/fhir/$mds-partner-departure} (CCP-IT §5.3), admins only (the access rule and
 * this provider both check): applies the central patient list's sealed instruction for a leaving
 * site ({@link MdsStoreService#depart}) and answers the counts and a receipt signed by the MDS
 * database and sealed for the central list, which records it as the MDS database's confirmation.
 * The admin carries both envelopes and can read neither. Audited with the counts.
 */
public class MdsPartnerDepartureOperationProvider implements FhirProvider {

  private final UploadReceiver receiver;
  private final MdsStoreService store;
  private final DepartedSiteGuard guard;
  private final Credential self;
  private final FhirContext fhir;
  private final String centralListRole;

  public MdsPartnerDepartureOperationProvider(
      UploadReceiver receiver,
      MdsStoreService store,
      DepartedSiteGuard guard,
      Credential self,
      FhirContext fhir,
      String centralListRole) {
    this.receiver = receiver;
    this.store = store;
    this.guard = guard;
    this.self = self;
    this.fhir = fhir;
    this.centralListRole = centralListRole;
  }

  @Operation(name = "$mds-partner-departure", idempotent = false)
  public Parameters depart(
      @OperationParam(name = "site", min = 1, max = 1) StringType site,
      @OperationParam(name = "instruction", min = 1, max = 1) Base64BinaryType instruction,
      HttpServletRequest request) {
    if (Caller.current().filter(c -> c.hasRole(Roles.ADMIN)).isEmpty()) {
      throw new ForbiddenOperationException("a partner's departure is an admin's operation");
    }
    if (site == null || !site.hasValue() || !site.getValue().matches(SITE_CODE)) {
      throw new InvalidRequestException("parameter 'site' must be a site code such as HD");
    }
    if (instruction == null || !instruction.hasValue()) {
      throw new InvalidRequestException("parameter 'instruction' (base64Binary) is required");
    }
    Opened opened = receiver.open(instruction.getValue(), "parameter 'instruction'");
    if (!centralListRole.equals(opened.sender().role())) {
      throw new ForbiddenOperationException(
          "parameter 'instruction' is signed by "
              + opened.sender().cn()
              + ", not by the central patient list");
    }
    Parameters content = receiver.parse(opened.payload());
    String named = value(content, SITE);
    String caseId = value(content, CASE);
    if (!site.getValue().equals(named) || caseId == null) {
      throw new UnprocessableEntityException(
          "parameter 'site': the instruction is for another site, not " + site.getValue());
    }
    // refused on this node before the store marks it (no upload slips in while the records go;
    // the guard's cache would otherwise lag behind the mark)
    guard.recorded(named);
    MdsStoreService.Departure done =
        store.depart(named, caseId, values(content, KEEP), values(content, ANONYMISE));
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "partner departure case "
            + caseId
            + " of site "
            + named
            + ": "
            + done.kept()
            + " records kept, "
            + done.anonymised()
            + " anonymised, "
            + done.deleted()
            + " deleted; site refused from now on");
    Parameters receipt = new Parameters();
    receipt.addParameter().setName(CASE).setValue(new StringType(caseId));
    receipt.addParameter().setName(SITE).setValue(new CodeType(named));
    receipt.addParameter().setName(KEPT).setValue(new IntegerType(done.kept()));
    receipt.addParameter().setName(ANONYMISED).setValue(new IntegerType(done.anonymised()));
    receipt.addParameter().setName(DELETED).setValue(new IntegerType(done.deleted()));
    Parameters answer = new Parameters();
    answer.addParameter().setName(KEPT).setValue(new IntegerType(done.kept()));
    answer.addParameter().setName(ANONYMISED).setValue(new IntegerType(done.anonymised()));
    answer.addParameter().setName(DELETED).setValue(new IntegerType(done.deleted()));
    answer
        .addParameter()
        .setName(RECEIPT)
        .setValue(
            new Base64BinaryType(
                Envelopes.seal(
                    fhir.newJsonParser()
                        .encodeResourceToString(receipt)
                        .getBytes(StandardCharsets.UTF_8),
                    self,
                    opened.senderCertificate())));
    return answer;
  }

  private static String value(Parameters content, String name) {
    Parameters.ParametersParameterComponent p = content.getParameter(name);
    return p == null || p.getValue() == null ? null : p.getValue().primitiveValue();
  }

  private static Set<String> values(Parameters content, String name) {
    return content.getParameter().stream()
        .filter(p -> name.equals(p.getName()) && p.getValue() != null)
        .map(p -> p.getValue().primitiveValue())
        .collect(Collectors.toSet());
  }
}
