package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The two halves of global pseudonymization at the central list: {@code $register-control-numbers}
 * (the generator leaves a person's control numbers for a site and gets a one-time ticket) and
 * {@code $redeem-ticket} (that site trades the ticket for its global pseudonym). The answer never
 * says whether the person was known.
 */
public class TicketOperationProvider implements FhirProvider {

  private final CentralPatientList list;

  public TicketOperationProvider(CentralPatientList list) {
    this.list = list;
  }

  @Operation(name = "$register-control-numbers", idempotent = false)
  public Parameters register(
      @OperationParam(name = "site", min = 1, max = 1) CodeType site,
      @OperationParam(name = "controlNumbers", min = 1, max = 1) StringType numbers) {
    if (site == null || !site.hasValue() || !site.getValue().matches("[A-Z0-9]{1,12}")) {
      throw new InvalidRequestException("parameter 'site' must be a site code");
    }
    ControlNumbers parsed;
    try {
      parsed = ControlNumbers.fromBase64(numbers == null ? "" : numbers.getValue());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("parameter 'controlNumbers' is malformed");
    }
    Parameters output = new Parameters();
    output
        .addParameter()
        .setName("ticket")
        .setValue(new StringType(list.register(site.getValue(), parsed)));
    return output;
  }

  @Operation(name = "$redeem-ticket", idempotent = false)
  public Parameters redeem(@OperationParam(name = "ticket", min = 1, max = 1) StringType ticket) {
    if (ticket == null || !ticket.hasValue()) {
      throw new InvalidRequestException("parameter 'ticket' is required");
    }
    String site = SiteCaller.site();
    String pseudonym;
    try {
      pseudonym = list.redeem(site, ticket.getValue());
    } catch (CentralPatientList.TicketRefusedException e) {
      throw new UnprocessableEntityException(e.getMessage());
    }
    Parameters output = new Parameters();
    Parameters.ParametersParameterComponent part = output.addParameter().setName("pseudonym");
    part.addPart()
        .setName("pseudonym")
        .setValue(
            new Identifier()
                .setSystem(PseudonymSystems.of(CentralPatientList.globalDomain(site)))
                .setValue(pseudonym));
    part.addPart().setName("scope").setValue(new CodeType("global"));
    return output;
  }
}
