package org.ccpfhir.identity.generator;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URI;
import java.util.List;
import org.ccpfhir.identity.controlnumber.ControlNumberEncoder;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatParameters;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.profiles.operation.OperationParameters;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [generator]/fhir/$control-number-ticket}, called by a bridgehead over mutual TLS with
 * one person's IDAT (named parts or a Patient, as in {@code $pseudonymize}). The generator turns
 * them into control numbers, hands these straight to the central patient list for the calling site,
 * forgets the IDAT and answers only the ticket: the site never sees control numbers, the generator
 * never sees a pseudonym.
 */
public class ControlNumberTicketProvider implements FhirProvider {

  private static final OperationParameters.Spec PARAMETERS =
      IdatParameters.declare(OperationParameters.of("$control-number-ticket"));

  private final ControlNumberEncoder encoder;
  private final ComponentClient centralList;
  private final URI centralListUrl;

  public ControlNumberTicketProvider(
      ControlNumberEncoder encoder, ComponentClient centralList, URI centralListUrl) {
    this.encoder = encoder;
    this.centralList = centralList;
    this.centralListUrl = centralListUrl;
  }

  @Operation(name = "$control-number-ticket", idempotent = false)
  public Parameters ticket(@ResourceParam Parameters input) {
    OperationParameters parameters = PARAMETERS.read(input);
    String site =
        Caller.current()
            .map(Caller::site)
            .orElseThrow(() -> new ForbiddenOperationException("only a site's bridgehead may ask"));
    List<Idat> people = IdatParameters.read(parameters);
    if (people.size() != 1) {
      throw new InvalidRequestException("exactly one person per request");
    }
    ControlNumbers numbers = encoder.encode(people.get(0));
    Parameters registration = new Parameters();
    registration.addParameter().setName("site").setValue(new CodeType(site));
    registration
        .addParameter()
        .setName("controlNumbers")
        .setValue(new StringType(numbers.toBase64()));
    Parameters answer =
        centralList.call(
            "central patient list", centralListUrl, "$register-control-numbers", registration);
    if (answer.getParameter("ticket") == null) {
      throw new UpstreamException(502, "the central patient list answered no ticket");
    }
    Parameters output = new Parameters();
    output.addParameter().setName("ticket").setValue(answer.getParameter("ticket").getValue());
    return output;
  }
}
