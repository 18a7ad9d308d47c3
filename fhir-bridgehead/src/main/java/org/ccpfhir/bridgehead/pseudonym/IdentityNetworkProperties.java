package org.ccpfhir.bridgehead.pseudonym;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the site reaches the network's identity management ({@code ccp.identity-network.*}), over
 * mutual TLS with the bridgehead's certificate. Without both URLs the site issues local pseudonyms
 * only.
 *
 * @param generatorUrl FHIR base of the control-number generator (receives IDAT, answers a ticket)
 * @param centralListUrl FHIR base of the central patient list (redeems tickets, re-encrypts)
 * @param timeout how long to wait for either
 */
@Validated
@ConfigurationProperties("ccp.identity-network")
public record IdentityNetworkProperties(
    URI generatorUrl, URI centralListUrl, @DefaultValue("PT15S") Duration timeout) {

  public boolean configured() {
    return generatorUrl != null && centralListUrl != null;
  }
}
