package org.ccpfhir.security.logging;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a log line may say about an exception: exception messages can carry client values or
 * identifying data (a remote component's answer that echoes a pseudonym, a database error that
 * quotes a key), so log lines name the exception's class, HTTP status and HAPI message code only.
 */
public final class SafeLog {

  private static final Pattern HAPI_CODE = Pattern.compile("^(HAPI-\\d{4})\\b");

  private SafeLog() {}

  /** E.g. {@code ResourceNotFoundException (HTTP 404, HAPI-2001)}. */
  public static String describe(Throwable e) {
    if (e == null) {
      return "no exception";
    }
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
    String details = details(e);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e) {
      String rootDetails = details(root);
      text.append(" caused by ").append(root.getClass().getSimpleName());
      details = details.isEmpty() ? rootDetails : details;
    }
    return details.isEmpty() ? text.toString() : text + " (" + details + ")";
  }

  private static String details(Throwable e) {
    StringBuilder details = new StringBuilder();
    if (e instanceof BaseServerResponseException response) {
      details.append("HTTP ").append(response.getStatusCode());
    }
    String code = hapiCode(e.getMessage());
    if (code != null) {
      details.append(details.isEmpty() ? "" : ", ").append(code);
    }
    return details.toString();
  }

  /** The HAPI message code at the start of the message ({@code HAPI-1821}), or null. */
  static String hapiCode(String message) {
    if (message == null) {
      return null;
    }
    Matcher code = HAPI_CODE.matcher(message);
    return code.find() ? code.group(1) : null;
  }
}
