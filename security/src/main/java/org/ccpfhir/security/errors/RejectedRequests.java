package org.ccpfhir.security.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ccpfhir.security.auth.SecurityResponses;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers what Spring Security's firewall refuses (a path that is not normalised, such as {@code
 * /index.html/../fhir/Patient}, encoded slashes, semicolons, control characters) with 400 and an
 * OperationOutcome; Spring's default rethrows, and the servlet container answered 500. The
 * firewall's own message quotes the request, so the answer names the rule only.
 */
public class RejectedRequests implements RequestRejectedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    SecurityResponses.refuse(
        request,
        response,
        HttpServletResponse.SC_BAD_REQUEST,
        IssueType.INVALID,
        "the request was refused by the firewall: the URL must be normalised (no '..', '//',"
            + " encoded '/', '\\\\' or ';') and free of control characters");
  }
}
