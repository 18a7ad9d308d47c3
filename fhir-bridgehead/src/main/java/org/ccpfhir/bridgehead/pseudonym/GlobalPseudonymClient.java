package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatParameters;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.security.tls.ComponentTls;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The site's half of global pseudonymization (CCP-IT §3.2): the IDAT go to the control-number
 * generator, which answers a ticket; the ticket goes to the central patient list, which answers the
 * site's global pseudonym. The site never sees control numbers; the generator never sees a
 * pseudonym.
 */
@Component
public class GlobalPseudonymClient {

  private final IdentityNetworkProperties properties;
  private final ComponentClient client;

  public GlobalPseudonymClient(
      IdentityNetworkProperties properties,
      ObjectProvider<ComponentTls> tls,
      FhirContext fhirContext) {
    this.properties = properties;
    ComponentTls ours = tls.getIfAvailable();
    this.client =
        ours == null || !properties.configured()
            ? null
            : new ComponentClient(
                ours.httpClient(properties.timeout()), fhirContext, properties.timeout());
  }

  /** The global pseudonym (identifier with the site's BK-G system) of one person. */
  public Identifier pseudonymize(Idat person) {
    if (client == null) {
      throw new UnprocessableEntityException(
          "this bridgehead is not connected to the network's identity management"
              + " (ccp.identity-network.* and TLS): only local pseudonyms are available");
    }
    Parameters ticket =
        client.call(
            "control-number generator",
            properties.generatorUrl(),
            "$control-number-ticket",
            IdatParameters.toParameters(person));
    if (ticket.getParameter("ticket") == null) {
      throw new UpstreamException(502, "the control-number generator answered no ticket");
    }
    Parameters redemption = new Parameters();
    redemption
        .addParameter()
        .setName("ticket")
        .setValue(new StringType(ticket.getParameter("ticket").getValue().primitiveValue()));
    return pseudonymIn(
        client.call(
            "central patient list", properties.centralListUrl(), "$redeem-ticket", redemption));
  }

  /** The site's global project pseudonym (e.g. RPB-HD-G) of a person known by its BK-G-ID. */
  public Identifier projectPseudonym(String globalPseudonym, String project) {
    Parameters input = new Parameters();
    input.addParameter().setName("pseudonym").setValue(new StringType(globalPseudonym));
    input.addParameter().setName("project").setValue(new CodeType(project));
    return pseudonymIn(
        client.call(
            "central patient list", properties.centralListUrl(), "$project-pseudonym", input));
  }

  private static Identifier pseudonymIn(Parameters answer) {
    return answer.getParameter().stream()
        .filter(p -> p.getName().equals("pseudonym"))
        .flatMap(p -> p.getPart().stream())
        .filter(p -> p.getName().equals("pseudonym") && p.getValue() instanceof Identifier)
        .map(p -> (Identifier) p.getValue())
        .findFirst()
        .orElseThrow(
            () -> new UpstreamException(502, "the central patient list answered no pseudonym"));
  }
}
