package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.security.auth.Caller;

/** The calling site, from its verified certificate (the access rules admit only bridgeheads). */
final class SiteCaller {

  private SiteCaller() {}

  /** The person behind one of the calling site's global pseudonyms; 422 when it is not one. */
  static long person(CentralPatientList list, String site, String pseudonym) {
    return list.personOf(site, pseudonym)
        .orElseThrow(
            () ->
                new UnprocessableEntityException(
                    "the pseudonym is not a global pseudonym of site " + site));
  }

  static String site() {
    return Caller.current()
        .map(Caller::site)
        .orElseThrow(() -> new ForbiddenOperationException("only a site's bridgehead may call"));
  }
}
