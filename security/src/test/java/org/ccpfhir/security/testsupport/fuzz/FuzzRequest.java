package org.ccpfhir.security.testsupport.fuzz;

/**
 * One generated request. {@code path} is from the server root and already URL-encoded as it goes on
 * the wire; {@code shape} names the generator rule (for the report and for replay with the seed and
 * {@code index}).
 */
public record FuzzRequest(
    long index, String shape, String method, String path, String contentType, String body) {

  /** The request line and the start of the body, for a failure report. */
  public String describe() {
    String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    return "#" + index + " [" + shape + "] " + method + " " + path + " " + shown;
  }
}
