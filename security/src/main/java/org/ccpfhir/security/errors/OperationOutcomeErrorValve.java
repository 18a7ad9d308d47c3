package org.ccpfhir.security.errors;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.ccpfhir.security.auth.SecurityResponses;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Tomcat's error report as an OperationOutcome instead of an HTML page: what Tomcat refuses before
 * any servlet or filter runs (an encoded {@code /} or {@code \} or a NUL in the path, a malformed
 * request line) still gets a FHIR answer. Says only the status class, never the request.
 */
public class OperationOutcomeErrorValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String text =
        status >= 500
            ? "internal error (HTTP " + status + ")"
            : "the request was refused by the web server (HTTP "
                + status
                + "): e.g. an encoded '/' or '\\\\', a NUL or an invalid escape in the path";
    try {
      response.setContentType("application/fhir+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(
            SecurityResponses.json(
                SecurityResponses.outcome(
                    status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID, text)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone or the response committed: nothing more to say
    }
  }
}
