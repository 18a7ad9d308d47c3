package org.ccpfhir.testsupport.fuzz;

/**
 * One generated request. {@code path} is from the server root and already URL-encoded as it goes on
 * the wire; {@code shape} names the generator rule (for the report and for replay with the seed and
 * {@code index}); {@code expect} is what {@link FuzzRun} checks beyond "no 5xx, OperationOutcome on
 * 4xx".
 */
public record FuzzRequest(
    long index,
    String shape,
    String method,
    String path,
    String contentType,
    String body,
    Expect expect) {

  /** What the answer must be, beyond the checks every answer gets. */
  public enum Expect {
    /** Anything but 5xx (a hostile but possibly valid request). */
    NO_SERVER_ERROR,
    /** A 4xx: the request is over a limit, expands entities, ... and must be refused whole. */
    REFUSED,
    /**
     * A batch/transaction whose entries the caller may not make directly: either the whole Bundle
     * is refused (4xx), or every entry of the response has a 4xx status and the response holds no
     * AuditEvent (issue 16, finding 1).
     */
    ENTRIES_REFUSED
  }

  /** The request line and the start of the body, for a failure report. */
  public String describe() {
    String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    String size = body != null && body.length() > 300 ? " (" + body.length() + " chars)" : "";
    return "#" + index + " [" + shape + "] " + method + " " + path + size + " " + shown;
  }
}
