package org.ccpfhir.platform;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** Another component of the network did not answer usefully: 502 or 503 to our caller. */
public class UpstreamException extends BaseServerResponseException {

  public UpstreamException(int status, String message) {
    super(status, message);
  }
}
