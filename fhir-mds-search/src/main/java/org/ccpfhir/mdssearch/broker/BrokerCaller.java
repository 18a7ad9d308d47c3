package org.ccpfhir.mdssearch.broker;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;

/**
 * Who calls the broker: a researcher (by token) or a site's bridgehead (by its verified
 * certificate, so site A can never act as site B). Taken from the security layer only.
 *
 * @param user the researcher's user name, or null for a site
 * @param site the site code of a bridgehead, or null for a researcher
 */
record BrokerCaller(String user, String site) {

  static BrokerCaller current() {
    Caller caller =
        Caller.current().orElseThrow(() -> new ForbiddenOperationException("not logged in"));
    if (caller.kind() == AuditAgent.Kind.COMPONENT
        && caller.site() != null
        && caller.id().startsWith("bridgehead.")) {
      return new BrokerCaller(null, caller.site());
    }
    if (caller.kind() == AuditAgent.Kind.USER && caller.hasRole(Roles.RESEARCHER)) {
      return new BrokerCaller(caller.id(), null);
    }
    throw new ForbiddenOperationException("only researchers and site bridgeheads use the broker");
  }

  boolean isSite() {
    return site != null;
  }

  @Override
  public String toString() {
    return isSite() ? "bridgehead." + site : "researcher " + user;
  }
}
