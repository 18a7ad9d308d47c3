package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.ccpfhir.security.auth.Caller;

/** The calling site, from its verified certificate (the access rules admit only bridgeheads). */
final class SiteCaller {

  private SiteCaller() {}

  static String site() {
    return Caller.current()
        .map(Caller::site)
        .orElseThrow(() -> new ForbiddenOperationException("only a site's bridgehead may call"));
  }
}
